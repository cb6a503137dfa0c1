import type { SignedInAgent } from '../common/context.ts';
import type { Db } from '../common/database.ts';
import { seesWholeMunicipality } from '../common/roles.ts';
import { namedIn, namesOf } from './candidates.ts';
import { assigneeAway, type TaskRow } from './repository.ts';

/**
 * Whose tasks: mine (assigned to me), my groups', those I may take up now (mine, and my groups'
 * unassigned or held by an agent who is away), or all I may see (managers: the municipality's).
 */
export type WorkScope = 'mine' | 'groups' | 'available' | 'all';

/** The inbox's filters. */
export interface WorkQueueFilter {
  scope?: WorkScope | null;
  channel?: string | null;
  procedure?: string | null;
  /** onTime, atRisk, breached or paused */
  sla?: string | null;
  /** words: a tracking code, the task's name, or words of the request's data */
  search?: string | null;
}

/** A task of the inbox with its deadline: the task's own, else its request's. */
export interface WorkItemRow extends TaskRow {
  procedure_key: string;
  effective_due_at: Date | null;
  effective_sla_state: string;
  request_due_at: Date | null;
  request_sla_state: string;
  assignee_name: string | null;
}

const SLA_STATES = ['onTime', 'atRisk', 'breached', 'paused'];

// The one definition of a task's deadline and SLA state, for the inbox and for tasks read elsewhere:
// the deadline that comes first, the task's own or its request's; the worse of their two states.
const effectiveDueAt = (db: Db) =>
  db`case when t.due_at is null then r.due_at when r.due_at is null then t.due_at else least(t.due_at, r.due_at) end`;
const effectiveSlaState = (db: Db) => db`case when 'breached' in (t.sla_state, r.sla_state) then 'breached'
    when 'atRisk' in (t.sla_state, r.sla_state) then 'atRisk'
    when r.sla_state = 'paused' then 'paused' else 'onTime' end`;

/**
 * Open tasks of the inbox, the most urgent first (late, then at risk, then by deadline and age).
 * The SLA state shown is the worse of the task's and its request's.
 */
export function workQueue(db: Db, agent: SignedInAgent, filter: WorkQueueFilter, limit: number) {
  const seesAll = seesWholeMunicipality(agent);
  const mine = db`t.assignee = ${agent.id}`;
  const groups = db`(t.candidate_groups && ${agent.groups} or ${namedIn(db, 't.candidate_users', namesOf(agent))})`;
  const available = db`(${mine} or ((t.assignee is null or ${assigneeAway(db)}) and ${groups}))`;
  const sla = effectiveSlaState(db);
  const search = filter.search?.trim().slice(0, 200);
  const like = search ? `%${search.replace(/[%_\\]/g, '\\$&')}%` : '';
  const scope = filter.scope ?? 'all';
  const conditions = [
    db`t.status = 'open'`,
    scope === 'mine'
      ? mine
      : scope === 'groups'
        ? groups
        : scope === 'available'
          ? available
          : seesAll
            ? null
            : db`(${mine} or ${groups})`,
    filter.channel ? db`r.channel = ${filter.channel}` : null,
    filter.procedure ? db`v.procedure_key = ${filter.procedure}` : null,
    filter.sla && SLA_STATES.includes(filter.sla) ? db`${sla} = ${filter.sla}` : null,
    search
      ? db`(r.tracking_code ilike ${like} or t.name ilike ${like}
          or r.search @@ websearch_to_tsquery('french', ${search}))`
      : null,
  ].filter((c) => c !== null);
  const where = conditions.reduce((all, one) => db`${all} and ${one}`);
  return db<WorkItemRow[]>`select t.id, t.municipality_id, t.request_id, r.tracking_code, r.workflow_id, r.channel,
      t.task_key, t.element_id, t.name, t.candidate_groups, t.status, t.form_id, t.opened_at, t.closed_at,
      t.completed_by, t.assignee, v.procedure_key, ${effectiveDueAt(db)} as effective_due_at,
      ${sla} as effective_sla_state, r.due_at as request_due_at, r.sla_state as request_sla_state,
      a.display_name as assignee_name
    from tasks t join requests r on r.id = t.request_id
      join procedure_versions v on v.id = r.procedure_version_id
      left join agents a on a.id::text = t.assignee
    where ${where}
    order by case ${sla} when 'breached' then 0 when 'atRisk' then 1 else 2 end,
      case when t.due_at is null then r.due_at else t.due_at end nulls last, t.opened_at, t.id
    limit ${limit}`;
}

/** Deadline, SLA state and assignee's name of tasks read elsewhere, by id. */
export function workItemsById(db: Db, ids: string[]) {
  return db<Pick<WorkItemRow, 'id' | 'effective_due_at' | 'effective_sla_state' | 'assignee_name'>[]>`
    select t.id, ${effectiveDueAt(db)} as effective_due_at, ${effectiveSlaState(db)} as effective_sla_state,
      a.display_name as assignee_name
    from tasks t join requests r on r.id = t.request_id left join agents a on a.id::text = t.assignee
    where t.id = any(${ids}::uuid[])`;
}

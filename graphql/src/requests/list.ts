import type { Fragment } from 'postgres';
import type { SignedInAgent } from '../common/context.ts';
import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import { isUuid } from '../common/uuid.ts';
import { requestShownTo } from './access.ts';
import type { ListCursor } from './list-cursor.ts';
import type { RequestFilter, RequestSort } from './list-filter.ts';
import { type RequestRow, requestRepository } from './repository.ts';
import { normaliseTrackingCode } from './tracking-code.ts';

export type { RequestFilter, RequestSort } from './list-filter.ts';

/** The older name of the two sorts by submission, which the requests query still takes as `order`. */
export type SortOrder = 'newestFirst' | 'oldestFirst';

/** A request of the list, with what its row shows and where its page's cursor stands. */
export type ListedRequest = RequestRow & {
  due_at: Date | null;
  sla_state: string;
  /** the sort key, microseconds since 1970 (a far date for "none"), for the cursor */
  sort_micros: string;
};

// "None" as a date a cursor can carry: no deadline sorts last, not closed sorts after every closing.
// Written in the SQL text, not bound, so that the expressions are those of migration 110's indexes.
/** Each sort: its key (as the indexes of migration 110 name it) and whether it runs downwards. */
function sortKey(db: Db, sort: RequestSort): { key: Fragment; descending: boolean } {
  switch (sort) {
    case 'oldestFirst':
      return { key: db`r.submitted_at`, descending: false };
    case 'deadlineFirst':
      return { key: db`coalesce(r.due_at, '9999-12-31 00:00:00+00'::timestamptz)`, descending: false };
    case 'recentlyClosed':
      return { key: db`coalesce(r.closed_at, '0001-01-01 00:00:00+00'::timestamptz)`, descending: true };
    default:
      return { key: db`r.submitted_at`, descending: true };
  }
}

/**
 * The group keys a service stands for, as the dashboard counts by service (byDepartment): a group
 * counts under its department's name, else its own name, else (no group by that key) its key.
 */
async function groupsOfService(db: Db, service: string): Promise<string[]> {
  const rows = await db<
    { key: string }[]
  >`select g.key from agent_groups g left join departments d on d.id = g.department_id
      where coalesce(d.name, g.name) = ${service}
    union select ${service}::text where not exists (select from agent_groups g where g.key = ${service})`;
  return rows.map((row) => row.key);
}

/** Whether some agent or task names this group. */
async function groupInUse(db: Db, key: string): Promise<boolean> {
  const rows = await db`select from agent_groups where key = ${key}
    union all select from agents where ${key} = any(groups)
    union all (select from tasks where candidate_groups && ${[key]}::text[] limit 1) limit 1`;
  return rows.length > 0;
}

/**
 * The names the filter gives (procedure, group, service, agent) checked against the town: one it
 * does not know is refused with its field, as a mistyped value would otherwise list nothing and
 * look like "no request". Returns the group keys of the service, if one is named.
 */
async function checkNames(
  db: Db,
  filter: RequestFilter,
): Promise<{ serviceGroups?: string[]; procedureVersions?: string[] }> {
  const unknown = (field: string, value: string) =>
    userError(
      'BAD_USER_INPUT',
      `filter.${field} : « ${value} » est inconnu dans cette commune. / filter.${field}: "${value}" is unknown in this town.`,
      { field: `filter.${field}` },
    );
  // A procedure's versions, named in the query as values: with migration 111's statistics, the
  // planner then knows how many of the town's requests they hold.
  let procedureVersions: string[] | undefined;
  if (filter.procedure) {
    const [found] = await db`select 1 from procedures where key = ${filter.procedure}`;
    if (!found) throw unknown('procedure', filter.procedure);
    procedureVersions = (
      await db<{ id: string }[]>`select id from procedure_versions where procedure_key = ${filter.procedure}`
    ).map((version) => version.id);
  }
  if (filter.group && !(await groupInUse(db, filter.group))) throw unknown('group', filter.group);
  if (filter.assignee) {
    const [found] = isUuid(filter.assignee) ? await db`select 1 from agents where id = ${filter.assignee}::uuid` : [];
    if (!found) throw unknown('assignee', filter.assignee);
  }
  if (!filter.service) return { procedureVersions };
  const serviceGroups = await groupsOfService(db, filter.service);
  const named = await Promise.all(serviceGroups.map((key) => groupInUse(db, key)));
  if (!named.some(Boolean)) {
    const [department] = await db`select 1 from procedures where department = ${filter.service} limit 1`;
    if (!department) throw unknown('service', filter.service);
  }
  return { serviceGroups, procedureVersions };
}

/**
 * The condition on `r` (requests alone) that the agent may see the request (access.ts) and that it
 * passes the filter. Checks the filter's names first (checkNames).
 * Handed over in an object: a fragment is a query that awaiting would run.
 */
export async function listCondition(db: Db, agent: SignedInAgent, filter: RequestFilter): Promise<{ where: Fragment }> {
  const { serviceGroups, procedureVersions } = await checkNames(db, filter);
  const search = filter.search;
  const box = filter.within;
  const conditions = [
    requestShownTo(db, agent),
    filter.status ? db`r.status = ${filter.status}` : null,
    filter.open === undefined
      ? null
      : filter.open
        ? db`r.status in ('submitted', 'inProgress')`
        : db`r.status in ('closed', 'failed')`,
    filter.channel ? db`r.channel = ${filter.channel}` : null,
    procedureVersions ? db`r.procedure_version_id = any(${procedureVersions}::uuid[])` : null,
    filter.group
      ? db`exists (select from tasks t where t.request_id = r.id and t.candidate_groups && ${[filter.group]}::text[])`
      : null,
    // as the dashboard counts by service: a task for one of its groups, or no task and the procedure's department
    filter.service
      ? db`(exists (select from tasks t where t.request_id = r.id and t.candidate_groups && ${serviceGroups ?? []}::text[])
          or (not exists (select from tasks t where t.request_id = r.id)
            and exists (select from procedure_versions sv join procedures sp
              on sp.municipality_id = sv.municipality_id and sp.key = sv.procedure_key
              where sv.id = r.procedure_version_id and sp.department = ${filter.service})))`
      : null,
    filter.submittedFrom ? db`r.submitted_at >= ${filter.submittedFrom}` : null,
    filter.submittedTo ? db`r.submitted_at < ${filter.submittedTo}` : null,
    filter.deadline ? db`r.sla_state = ${filter.deadline}` : null,
    filter.assignee
      ? db`r.id in (select t.request_id from tasks t where t.status = 'open' and t.assignee = ${filter.assignee})`
      : null,
    box
      ? db`r.place_latitude between ${box.south} and ${box.north}
          and r.place_longitude between ${box.west} and ${box.east}`
      : null,
    // a tracking code finds its request, open or closed; else words of the data
    search
      ? db`(r.tracking_code = ${normaliseTrackingCode(search)}
          or r.search @@ websearch_to_tsquery('french', ${search}))`
      : null,
  ].filter((c) => c !== null);
  return { where: conditions.reduce((all, one) => db`${all} and ${one}`) };
}

/** The order of the list for a sort, as SQL. */
export function listOrder(db: Db, sort: RequestSort): Fragment {
  const { key, descending } = sortKey(db, sort);
  return descending ? db`${key} desc, r.id desc` : db`${key} asc, r.id asc`;
}

/** What each listed row carries besides the request (after a comma): its deadline, deadline state and sort key. */
export function listColumns(db: Db, sort: RequestSort): Fragment {
  return db`, r.due_at, r.sla_state, (extract(epoch from ${sortKey(db, sort).key}) * 1000000)::bigint::text as sort_micros`;
}

/** One page of the requests the agent may see (access.ts), filtered and sorted, after a cursor (keyset pagination). */
export async function listRequests(
  db: Db,
  agent: SignedInAgent,
  filter: RequestFilter,
  sort: RequestSort,
  size: number,
  after?: ListCursor,
): Promise<ListedRequest[]> {
  const { key, descending } = sortKey(db, sort);
  const { where } = await listCondition(db, agent, filter);
  const at = after ? db`('epoch'::timestamptz + ${after.micros}::bigint * interval '1 microsecond')` : null;
  const page = after
    ? descending
      ? db`(${key}, r.id) < (${at}, ${after.id}::uuid)`
      : db`(${key}, r.id) > (${at}, ${after.id}::uuid)`
    : db`true`;
  // No just-in-time compilation: the access rule's subqueries make the planner's costs look high
  // enough for it, and compiling takes longer (40 ms) than the page itself. A plan for the values
  // asked each time: a prepared statement's generic plan does not know how many requests a group
  // or a word keeps, and gathered them all (200 ms) where reading the newest first takes 20.
  await db`select set_config('jit', 'off', true), set_config('plan_cache_mode', 'force_custom_plan', true)`;
  // The town named besides row-level security, so that the planner takes the (municipality_id, …) indexes.
  return requestRepository(db).page<ListedRequest>(
    db`r.municipality_id = ${agent.municipalityId} and ${where} and ${page}`,
    listOrder(db, sort),
    size + 1,
    listColumns(db, sort),
  );
}

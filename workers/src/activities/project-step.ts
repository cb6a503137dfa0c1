import type { OpenTask, RequestChanges, TimelineEntry } from '@parvis/engine/runtime';
import type { Sql } from 'postgres';
import { type ChainedContent, chainHash, GENESIS_HASH } from '../timeline/hash-chain.ts';

export type { RequestChanges, TimelineEntry };

/** A task as the workflow holds it open is what the inbox shows. */
export type ProjectedTask = OpenTask;

export interface StepProjection {
  requestId: string;
  municipalityId: string;
  /** Workflow step sequence: with the request and the scope, the idempotency key of this projection. */
  seq: number;
  /** '' for the request's workflow; a call activity's child workflow projects under its own scope */
  scope?: string;
  /** the child workflow that holds the tasks opened here, when not the request's own */
  workflowId?: string;
  at: string;
  request?: RequestChanges;
  openedTasks: ProjectedTask[];
  closedTasks: { taskKey: string; status: 'completed' | 'cancelled'; completedBy?: string }[];
  /** SLA changes of open tasks */
  taskSla?: { taskKey: string; dueAt: string; slaState: string }[];
  timeline: TimelineEntry[];
}

/**
 * Writes one workflow step to PostgreSQL in one transaction: request status, tasks, timeline.
 * A retried or replayed step finds its (request, seq) row and writes nothing twice.
 * The statements go out pipelined (postgres.js sends queries issued together in one batch, and
 * PostgreSQL runs them in order): three round trips in all instead of one per row.
 */
export async function projectStep(sql: Sql, step: StepProjection): Promise<void> {
  await sql.begin(async (tx) => {
    const [claimed, [last]] = await Promise.all([
      tx`insert into request_steps (request_id, scope, seq) values (${step.requestId}, ${step.scope ?? ''}, ${step.seq})
        on conflict do nothing returning seq`,
      // The chain's end, locked against a concurrent step of the same request (a call activity's).
      tx<{ position: number; hash: string }[]>`
        select position, hash from timeline_events where request_id = ${step.requestId} order by position desc limit 1 for update`,
    ]);
    if (claimed.length === 0) return;
    const writes: Promise<unknown>[] = [];
    if (step.request) writes.push(updateRequest(tx as unknown as Sql, step.requestId, step.at, step.request));
    for (const task of step.openedTasks) {
      writes.push(tx`insert into tasks (municipality_id, request_id, task_key, element_id, name, candidate_groups, candidate_users,
          assignee, form_id, due_at, opened_at, workflow_id)
        values (${step.municipalityId}, ${step.requestId}, ${task.taskKey}, ${task.elementId}, ${task.name ?? null},
          ${task.candidateGroups}, ${task.candidateUsers}, ${task.assignee ?? null}, ${task.formId ?? null},
          ${task.dueAt ?? null}, ${step.at}, ${step.workflowId ?? null})`);
    }
    for (const task of step.taskSla ?? []) {
      writes.push(tx`update tasks set due_at = ${task.dueAt}, sla_state = ${task.slaState}
        where request_id = ${step.requestId} and task_key = ${task.taskKey}`);
    }
    for (const task of step.closedTasks) {
      writes.push(tx`update tasks set status = ${task.status}, closed_at = ${step.at}, completed_by = ${task.completedBy ?? null}
        where request_id = ${step.requestId} and task_key = ${task.taskKey}`);
    }
    if (step.timeline.length > 0) writes.push(appendTimeline(tx as unknown as Sql, step, last));
    await Promise.all(writes);
  });
}

function updateRequest(tx: Sql, requestId: string, at: string, changes: RequestChanges) {
  return tx`update requests set
      status = coalesce(${changes.status ?? null}, status),
      closed_at = case when ${changes.status ?? null}::text = 'closed' then ${at}::timestamptz else closed_at end,
      due_at = case when ${changes.dueAt === null} then null else coalesce(${changes.dueAt ?? null}::timestamptz, due_at) end,
      sla_state = coalesce(${changes.slaState ?? null}, sla_state),
      silence_regime = coalesce(${changes.silenceRegime ?? null}, silence_regime),
      implicit_decision_at = case when ${changes.implicitDecisionAt === null} then null
        else coalesce(${changes.implicitDecisionAt ?? null}::timestamptz, implicit_decision_at) end,
      complete_at = coalesce(${changes.completeAt ?? null}::timestamptz, complete_at),
      missing_pieces = case when ${changes.incomplete !== undefined} then ${changes.incomplete ? tx.json(changes.incomplete as never) : null}::jsonb
        else missing_pieces end,
      implicit_decision = coalesce(${changes.implicitDecision ?? null}, implicit_decision),
      implicit_decision_recorded_at = case when ${changes.implicitDecision ?? null}::text is not null then ${at}::timestamptz
        else implicit_decision_recorded_at end,
      data = data || coalesce(${changes.data ? tx.json(changes.data as never) : null}::jsonb, '{}'::jsonb),
      procedure_version_id = coalesce(${changes.procedureVersionId ?? null}::uuid, procedure_version_id)
    where id = ${requestId}`;
}

/**
 * The step's timeline events chained after `last`, the request's latest event (none for a new
 * request), in one statement: the table's change announcement runs once per statement.
 */
function appendTimeline(tx: Sql, step: StepProjection, last: { position: number; hash: string } | undefined) {
  let position = last?.position ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows = step.timeline.map((entry) => {
    position++;
    const content: ChainedContent = {
      requestId: step.requestId,
      position,
      kind: entry.kind,
      payload: entry.payload,
      occurredAt: step.at,
    };
    const row = {
      position,
      kind: entry.kind,
      payload: entry.payload,
      prev_hash: prevHash,
      hash: chainHash(prevHash, content),
    };
    prevHash = row.hash;
    return row;
  });
  return tx`insert into timeline_events (request_id, position, municipality_id, seq, kind, payload, occurred_at, prev_hash, hash)
      select ${step.requestId}::uuid, r.position, ${step.municipalityId}, ${step.seq}::integer, r.kind, r.payload,
        ${step.at}::timestamptz, r.prev_hash, r.hash
      from jsonb_to_recordset(${tx.json(rows as never)}) as r(position integer, kind text, payload jsonb, prev_hash text, hash text)
      order by r.position`;
}

import type { Variables } from '@parvis/engine';
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Sql } from 'postgres';
import { REQUEST_WORKFLOW_TASK_TIMEOUT, TASK_QUEUE } from '../../messages.ts';
import { workflowTuning } from '../../tuning.ts';
import { fileStartedRequest } from '../started-request.ts';

/** A procedure of the town whose latest published version starts on this message or signal. */
export interface EventStart {
  versionId: string;
  startEventId: string;
}

/** The start events of the town's published procedures (latest versions) that a message or signal of this name triggers. */
export async function eventStarts(
  sql: Sql,
  municipalityId: string,
  kind: 'message' | 'signal',
  name: string,
): Promise<EventStart[]> {
  return sql<EventStart[]>`
    select v.id as "versionId", s ->> 'id' as "startEventId"
    from procedures p
    join lateral (select id, ir from procedure_versions
      where municipality_id = p.municipality_id and procedure_key = p.key order by version desc limit 1) v on true
    cross join lateral jsonb_array_elements(v.ir -> 'startEvents') s
    where p.municipality_id = ${municipalityId} and p.published
      and s -> 'trigger' ->> 'kind' = ${kind} and s -> 'trigger' ->> 'name' = ${name}
    order by p.key`;
}

/**
 * Files the request a message or signal start event starts (channel `message` / `signal`), once per
 * `key` (a retried activity files nothing twice), and starts its workflow at that start event with
 * the event's variables. Returns its tracking code.
 */
export async function startEventRequest(
  sql: Sql,
  temporal: Client,
  input: EventStart & { channel: 'message' | 'signal'; key: string; variables: Variables },
): Promise<string> {
  const workflowInput = await fileStartedRequest(sql, {
    versionId: input.versionId,
    startEventId: input.startEventId,
    channel: input.channel,
    variables: input.variables,
    onceKey: input.key,
  });
  const tuning = workflowTuning();
  try {
    await temporal.workflow.start('requestWorkflow', {
      taskQueue: TASK_QUEUE,
      workflowTaskTimeout: REQUEST_WORKFLOW_TASK_TIMEOUT,
      workflowId: `request-${workflowInput.trackingCode}`,
      args: [workflowInput],
      // The tests' and demos' knobs, as the API's client puts them (tuning.ts).
      ...(Object.keys(tuning).length > 0 ? { memo: { tuning } } : {}),
    });
  } catch (error) {
    // A retried activity: the request's workflow already runs.
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  return workflowInput.trackingCode;
}

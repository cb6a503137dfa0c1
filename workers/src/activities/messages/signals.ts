import type { Client } from '@temporalio/client';
import type { Sql } from 'postgres';
import { deliverTo } from './deliver.ts';
import { deliverSignalUpdate } from './deliver-signal.ts';
import { eventStarts, startEventRequest } from './start-request.ts';
import type { SignalInput, SignalOutcome } from './types.ts';

/**
 * Broadcasts a signal in a town: every open request whose procedure version has a signal catch of
 * that name (intermediate, boundary, event sub-process start) is handed it (a request not waiting at
 * one right now answers NOT_WAITING and is skipped), and each procedure whose signal start event
 * has that name starts a request. Idempotent under `broadcastId`: a retry reaches no request twice.
 */
export async function broadcastSignal(sql: Sql, temporal: Client, input: SignalInput): Promise<SignalOutcome> {
  const id = input.broadcastId!;
  const variables = input.variables ?? {};
  const candidates = await sql<{ id: string; workflow_id: string; tracking_code: string; reached: boolean }[]>`
    select r.id, r.workflow_id, r.tracking_code,
      exists (select 1 from signal_deliveries d where d.broadcast_id = ${id} and d.request_id = r.id) as reached
    from requests r join procedure_versions v on v.id = r.procedure_version_id
    where r.municipality_id = ${input.municipalityId} and r.closed_at is null
      and r.id is distinct from ${input.fromRequestId ?? null}::uuid
      and exists (select 1 from jsonb_each(v.ir -> 'elements') e
        where e.value -> 'trigger' ->> 'kind' = 'signal' and e.value -> 'trigger' ->> 'name' = ${input.signalName}
          and (e.value ->> 'type' in ('intermediateCatchEvent', 'boundaryEvent')
            or (e.value ->> 'type' = 'startEvent' and e.value ? 'scope')))
    order by r.submitted_at`;
  const delivered: string[] = [];
  for (const request of candidates) {
    if (!request.reached) {
      const reached = await deliverTo(temporal, request.workflow_id, (handle) =>
        handle.executeUpdate(deliverSignalUpdate, {
          args: [{ signalName: input.signalName, variables, from: input.from }],
        }),
      );
      if (reached !== 'delivered') continue;
      await sql`insert into signal_deliveries (broadcast_id, request_id, municipality_id)
        values (${id}, ${request.id}, ${input.municipalityId}) on conflict do nothing`;
    }
    delivered.push(request.tracking_code);
  }
  const started: string[] = [];
  for (const start of await eventStarts(sql, input.municipalityId, 'signal', input.signalName)) {
    started.push(
      await startEventRequest(sql, temporal, {
        ...start,
        channel: 'signal',
        key: `signal:${id}:${start.versionId}:${start.startEventId}`,
        variables,
      }),
    );
  }
  return { delivered, started };
}

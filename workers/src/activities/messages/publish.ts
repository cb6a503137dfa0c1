import type { Client } from '@temporalio/client';
import type { Sql } from 'postgres';
import { deliverMessageUpdate } from '../../messages.ts';
import { deliverTo } from './deliver.ts';
import { lockCorrelation } from './lock.ts';
import { eventStarts, startEventRequest } from './start-request.ts';
import { closeSubscription } from './subscriptions.ts';
import type { PublishInput, PublishOutcome } from './types.ts';

const MAX_ROUNDS = 5;

/**
 * Publishes a message in a town, as Zeebe does: it reaches every other request waiting for its
 * name and correlation key (one wait per request); when none waits, it starts a request of each
 * procedure whose message start event has its name; else it waits in the buffer for its time to
 * live. A message with a messageId already published in the town is a duplicate: nothing happens.
 * Idempotent under `publicationId`: a retry delivers to no request twice.
 */
export async function publishMessage(sql: Sql, temporal: Client, input: PublishInput): Promise<PublishOutcome> {
  const id = input.publicationId!;
  const key = input.correlationKey ?? '';
  const ttl = Math.max(0, Math.floor(input.ttl ?? 0));
  const variables = input.variables ?? {};
  const outcome = (rest: Partial<PublishOutcome>): PublishOutcome => ({
    publicationId: id,
    correlated: [],
    started: [],
    buffered: false,
    duplicate: false,
    ...rest,
  });

  // The publication, kept out of the buffer (consumed_at set) while it is being delivered.
  const stored = await sql.begin(async (tx) => {
    if (input.messageId) {
      const [earlier] = await tx<{ id: string }[]>`select id from published_messages
        where municipality_id = ${input.municipalityId} and message_id = ${input.messageId}`;
      if (earlier && earlier.id !== id) return 'duplicate' as const;
    }
    await tx`insert into published_messages
        (id, municipality_id, message_name, correlation_key, variables, message_id, published_by, expires_at, consumed_at)
      values (${id}, ${input.municipalityId}, ${input.messageName}, ${key}, ${tx.json(variables as never)},
        ${input.messageId ?? null}, ${input.from}, now() + ${ttl} * interval '1 millisecond', now())
      on conflict (id) do nothing`;
    const [row] = await tx<{ expires_at: Date; released: boolean }[]>`
      select expires_at, (consumed_at is null or consumed_by is not null) as released from published_messages where id = ${id}`;
    return row!;
  });
  if (stored === 'duplicate') return outcome({ duplicate: true });
  const expiresAt = stored.expires_at.toISOString();
  // A retry after the first attempt put it in the buffer.
  if (stored.released) return outcome({ buffered: true, expiresAt });

  // Rounds: a wait may open while the message is being delivered; past a few, it goes to the buffer.
  for (let round = 1; ; round++) {
    const waiting = await sql<{ workflow_id: string; subscription_id: string; request_id: string }[]>`
      select distinct on (s.request_id) s.workflow_id, s.subscription_id, s.request_id
      from message_subscriptions s
      where s.municipality_id = ${input.municipalityId} and s.message_name = ${input.messageName}
        and s.correlation_key = ${key} and s.request_id is distinct from ${input.fromRequestId ?? null}::uuid
        and not exists (select 1 from message_correlations c where c.message_id = ${id} and c.request_id = s.request_id)
      order by s.request_id, s.opened_at`;
    for (const target of waiting) {
      const reached = await deliverTo(temporal, target.workflow_id, (handle) =>
        handle.executeUpdate(deliverMessageUpdate, {
          args: [{ messageName: input.messageName, variables, from: input.from }],
        }),
      );
      if (reached === 'delivered') {
        await sql`insert into message_correlations (message_id, request_id, municipality_id)
          values (${id}, ${target.request_id}, ${input.municipalityId}) on conflict do nothing`;
      } else if (reached === 'gone') {
        await closeSubscription(sql, target.workflow_id, target.subscription_id);
      }
    }
    const correlated = await sql<{ tracking_code: string }[]>`
      select r.tracking_code from message_correlations c join requests r on r.id = c.request_id
      where c.message_id = ${id} order by c.correlated_at`;
    if (correlated.length > 0) return outcome({ correlated: correlated.map((r) => r.tracking_code) });

    const starts = await eventStarts(sql, input.municipalityId, 'message', input.messageName);
    if (starts.length > 0) {
      const started: string[] = [];
      for (const start of starts) {
        started.push(
          await startEventRequest(sql, temporal, {
            ...start,
            channel: 'message',
            key: `message:${id}:${start.versionId}:${start.startEventId}`,
            variables,
          }),
        );
      }
      return outcome({ started });
    }

    // Into the buffer, unless a subscription opened since the look above: then deliver to it.
    const buffered = await sql.begin(async (tx) => {
      await lockCorrelation(tx, input.municipalityId, input.messageName, key);
      const [opened] = await tx`select 1 from message_subscriptions
        where municipality_id = ${input.municipalityId} and message_name = ${input.messageName} and correlation_key = ${key}
          and request_id is distinct from ${input.fromRequestId ?? null}::uuid limit 1`;
      if (opened && round < MAX_ROUNDS) return undefined;
      if (ttl > 0) await tx`update published_messages set consumed_at = null where id = ${id}`;
      return ttl > 0;
    });
    if (buffered !== undefined) return outcome(buffered ? { buffered, expiresAt } : {});
  }
}

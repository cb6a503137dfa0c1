import type { Variables } from '@parvis/engine';
import type { Sql } from 'postgres';
import { lockCorrelation } from './lock.ts';
import type { BufferedMessage, SubscriptionInput } from './types.ts';

/**
 * Records that a workflow of the request waits for a message (name and key), unless a message
 * published earlier and still within its time to live waits in the buffer: then that one (the
 * oldest) is taken for this subscription and returned, and no subscription is recorded: the
 * workflow delivers it to itself. A retried call returns the same message.
 */
export async function openSubscription(
  sql: Sql,
  workflowId: string,
  input: SubscriptionInput,
): Promise<BufferedMessage | null> {
  const key = input.correlationKey ?? '';
  return sql.begin(async (tx) => {
    await lockCorrelation(tx, input.municipalityId, input.messageName, key);
    const taken = (
      rows: { message_name: string; correlation_key: string; variables: Variables; published_by: string }[],
    ) =>
      rows[0]
        ? {
            messageName: rows[0].message_name,
            ...(rows[0].correlation_key ? { correlationKey: rows[0].correlation_key } : {}),
            variables: rows[0].variables,
            from: rows[0].published_by,
          }
        : null;
    const subscription = `${workflowId}/${input.subscriptionId}`;
    const already = await tx<
      { message_name: string; correlation_key: string; variables: Variables; published_by: string }[]
    >`
      select message_name, correlation_key, variables, published_by from published_messages
      where municipality_id = ${input.municipalityId} and consumed_by = ${input.requestId}
        and consumed_subscription = ${subscription}`;
    if (already.length > 0) return taken(already);
    const buffered = await tx<
      { message_name: string; correlation_key: string; variables: Variables; published_by: string }[]
    >`
      update published_messages set consumed_at = now(), consumed_by = ${input.requestId}, consumed_subscription = ${subscription}
      where id = (select id from published_messages
        where municipality_id = ${input.municipalityId} and message_name = ${input.messageName} and correlation_key = ${key}
          and consumed_at is null and expires_at > now()
        order by published_at limit 1 for update)
      returning message_name, correlation_key, variables, published_by`;
    if (buffered.length > 0) return taken(buffered);
    await tx`insert into message_subscriptions
        (workflow_id, subscription_id, request_id, municipality_id, element_id, message_name, correlation_key)
      values (${workflowId}, ${input.subscriptionId}, ${input.requestId}, ${input.municipalityId}, ${input.elementId},
        ${input.messageName}, ${key})
      on conflict (workflow_id, subscription_id) do nothing`;
    return null;
  });
}

/** The wait ended (its message came, or its element was left): the subscription goes. */
export async function closeSubscription(sql: Sql, workflowId: string, subscriptionId: string): Promise<void> {
  await sql`delete from message_subscriptions where workflow_id = ${workflowId} and subscription_id = ${subscriptionId}`;
}

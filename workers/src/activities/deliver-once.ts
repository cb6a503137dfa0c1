import type { Sql } from 'postgres';

export interface Delivery {
  requestId: string;
  /** Unique per request and recipient: the idempotency key of this notification. */
  key: string;
  channel: 'email' | 'sms';
  recipient: string;
  subject: string;
}

/**
 * Sends a notification once per (request, key): a retried activity finds it sent and skips it.
 * A crash after the send but before the record is marked may send it again; e-mails carry a
 * Message-ID derived from the key so mail clients fold the copy.
 */
export async function deliverOnce(
  sql: Sql,
  delivery: Delivery,
  send: () => Promise<void>,
): Promise<'sent' | 'already sent'> {
  // One round trip: the new row's status, or the stored one's when an earlier attempt recorded it.
  const [row] = await sql<{ status: string }[]>`
    with added as (
      insert into notifications (request_id, key, channel, recipient, subject)
      values (${delivery.requestId}, ${delivery.key}, ${delivery.channel}, ${delivery.recipient}, ${delivery.subject})
      on conflict do nothing returning status)
    select status from added
    union all
    select status from notifications where request_id = ${delivery.requestId} and key = ${delivery.key}
    limit 1`;
  if (row?.status === 'sent') return 'already sent';
  try {
    await send();
  } catch (error) {
    await sql`update notifications set error = ${(error as Error).message} where request_id = ${delivery.requestId} and key = ${delivery.key}`;
    throw error;
  }
  await sql`update notifications set status = 'sent', sent_at = now(), error = null
    where request_id = ${delivery.requestId} and key = ${delivery.key}`;
  return 'sent';
}

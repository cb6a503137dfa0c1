import type { Transporter } from 'nodemailer';
import type { Sql } from 'postgres';

export interface EmailToSend {
  requestId: string;
  /** Unique per request: the idempotency key of this notification. */
  key: string;
  from: string;
  to: string;
  subject: string;
  text: string;
}

/**
 * Sends an e-mail once per (request, key). A retry after the send but before the record is
 * marked may send it again; the Message-ID derived from the key lets mail clients fold the copy.
 */
export async function sendEmailOnce(
  sql: Sql,
  mailer: Transporter,
  mail: EmailToSend,
): Promise<'sent' | 'already sent'> {
  await sql`insert into notifications (request_id, key, channel, recipient, subject)
    values (${mail.requestId}, ${mail.key}, 'email', ${mail.to}, ${mail.subject}) on conflict do nothing`;
  const [row] = await sql<
    { status: string }[]
  >`select status from notifications where request_id = ${mail.requestId} and key = ${mail.key}`;
  if (row?.status === 'sent') return 'already sent';
  await mailer.sendMail({
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    messageId: `<${mail.requestId}.${mail.key}@parvis>`,
  });
  await sql`update notifications set status = 'sent', sent_at = now() where request_id = ${mail.requestId} and key = ${mail.key}`;
  return 'sent';
}

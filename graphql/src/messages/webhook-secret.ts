import { randomBytes } from 'node:crypto';
import type { Db } from '../common/database.ts';

/** The town's secret for signing calls to /webhooks/messages, if its administrators set one. */
export async function webhookSecret(db: Db, municipalityId: string): Promise<string | undefined> {
  const [row] = await db<{ secret: string }[]>`
    select secret from message_webhook_secrets where municipality_id = ${municipalityId}`;
  return row?.secret;
}

/** A new secret for the town (the previous one stops working at once); shown once to whoever asked. */
export async function renewWebhookSecret(db: Db, municipalityId: string, by: string): Promise<string> {
  const secret = randomBytes(32).toString('base64url');
  await db`insert into message_webhook_secrets (municipality_id, secret, updated_by)
    values (${municipalityId}, ${secret}, ${by})
    on conflict (municipality_id) do update set secret = excluded.secret, updated_by = excluded.updated_by, updated_at = now()`;
  return secret;
}

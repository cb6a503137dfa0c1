import type { Db } from '../common/database.ts';

/**
 * Deletes an account: the identity, contact details, password and sessions go; the copies of
 * form data on the citizen's requests are emptied and the files sent with them deleted; requests stay, without anyone's name, so
 * counts by procedure, channel and status stay right. Consents stay as proof, tied to nobody.
 */
export async function eraseCitizen(db: Db, citizenId: string): Promise<void> {
  const [citizen] = await db<{ email: string | null }[]>`select email from citizens where id = ${citizenId}`;
  await db`delete from citizen_sessions where citizen_id = ${citizenId}`;
  if (citizen?.email) await db`delete from citizen_links where lower(email) = ${citizen.email.toLowerCase()}`;
  // The photos and documents they sent are personal data too: they go with the form data.
  await db`delete from stored_files where request_id in (select id from requests where citizen_id = ${citizenId})`;
  // Their conversation with the town hall: the words go (each message keeps its place and date), and
  // the links that opened their requests stop working.
  await db`update conversation_messages set body = '', fields = null, changes = null
    where request_id in (select id from requests where citizen_id = ${citizenId})`;
  await db`delete from tracking_links where request_id in (select id from requests where citizen_id = ${citizenId})`;
  // The reports they follow by e-mail go too.
  if (citizen?.email) await db`delete from request_followers where email = ${citizen.email.toLowerCase()}`;
  await db`update requests set data = '{"erased": true}'::jsonb, citizen_email = null where citizen_id = ${citizenId}`;
  await db`update citizens set first_name = null, last_name = null, email = null, phone = null, addresses = '[]',
      password_hash = null, email_confirmed_at = null, reading_settings = null, erased_at = now()
    where id = ${citizenId}`;
}

import type { Db } from '../common/database.ts';
import { erasurePatterns } from './erasure-patterns.ts';

interface Person {
  email: string | null;
  phone: string | null;
  first_name: string | null;
  last_name: string | null;
}

/**
 * Erases a person, with or without an account (issue 16, point 5): the identity, contact details,
 * password and sessions go; the copies of form data on their requests are emptied and the files sent
 * with them deleted; their requests' data keys are destroyed, so what Temporal keeps of those
 * requests (histories, backups) can no longer be read (keys of requests still open go once they
 * close: their workflows must finish, a decision in signature included); their e-mail, phone and
 * name are replaced wherever else they were written (timeline, notifications, audit log, notes,
 * the mail and texts they sent; their conversation's words and their follows go). Requests stay,
 * without anyone's name, so counts by procedure, channel and status stay right; signatures still
 * verify, saying the data were erased. Consents stay as proof, tied to nobody. One transaction:
 * nothing is half-erased.
 */
export async function eraseCitizen(db: Db, citizenId: string): Promise<void> {
  const [person] = await db<Person[]>`select email, phone, first_name, last_name from citizens where id = ${citizenId}`;
  if (!person) return;
  // What they wrote on their requests' forms counts as theirs too (a request filed without an account).
  const filed = await db<{ email: string | null; phone: string | null }[]>`
    select citizen_email as email, data->>'phone' as phone from requests where citizen_id = ${citizenId}
    union select data->>'email', null from requests where citizen_id = ${citizenId}`;
  const emails = [person.email, ...filed.map((row) => row.email)];
  const phones = [person.phone, ...filed.map((row) => row.phone)];
  const { contacts, names } = erasurePatterns({
    emails,
    phones,
    names: [person.first_name, person.last_name],
  });
  const mine = db`select id from requests where citizen_id = ${citizenId}`;

  // Before their requests' data go: the workers' tables and the data keys (migration 195).
  await db`select parvis_erase_worker_records(${citizenId}, ${contacts}, ${names})`;
  await db`delete from citizen_sessions where citizen_id = ${citizenId}`;
  const lowerEmails = [...new Set(emails.filter((e): e is string => !!e).map((e) => e.toLowerCase()))];
  if (lowerEmails.length > 0) {
    await db`delete from citizen_links where lower(email) = any(${lowerEmails})`;
    // The reports they follow by e-mail go too.
    await db`delete from request_followers where lower(email) = any(${lowerEmails})`;
  }
  // The photos and documents they sent are personal data too: they go with the form data.
  await db`delete from stored_files where request_id in (${mine})`;
  // Their conversation with the town hall: the words go (each message keeps its place and date), and
  // the links that opened their requests stop working.
  await db`update conversation_messages set body = '', fields = null, changes = null where request_id in (${mine})`;
  await db`delete from tracking_links where request_id in (${mine})`;
  if (contacts || names) {
    // The agents' notes on their requests name them.
    const own = [contacts, names].filter(Boolean).join('|');
    await db`update request_notes set body = regexp_replace(body, ${own}, '[effacé]', 'gi')
      where request_id in (${mine}) and body ~* ${own}`;
  }
  if (contacts) {
    // The e-mails and text messages they sent to the town hall keep their date, not their sender.
    await db`update inbound_messages set sender = '[effacé]',
        sender_check = regexp_replace(sender_check, ${contacts}, '[effacé]', 'gi')
      where request_id in (${mine}) or sender ~* ${contacts}`;
  }
  await db`update requests set data = '{"erased": true}'::jsonb, citizen_email = null where citizen_id = ${citizenId}`;
  await db`update citizens set first_name = null, last_name = null, email = null, phone = null, addresses = '[]',
      password_hash = null, email_confirmed_at = null, reading_settings = null, erased_at = now()
    where id = ${citizenId}`;
}

import { EMAIL } from '../common/contact-checks.ts';
import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import { isUuid } from '../common/uuid.ts';

/** A person the town holds data on, as the data-protection officer finds them. */
export interface DataSubjectRow {
  id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  has_account: boolean;
  requests: number;
  /** their requests not closed yet (a decision in signature, say) */
  open_requests: number;
  created_at: Date;
  erased_at: Date | null;
}

/** How the officer looks a person up: by e-mail address, or by phone number in any notation. */
export type ContactSearch = { by: 'email'; email: string } | { by: 'phone'; digits: string };

/** Reads what the officer typed; BAD_USER_INPUT on the field `contact` when it is neither an e-mail nor a phone number. */
export function contactSearch(contact: string): ContactSearch {
  const text = contact.trim();
  if (EMAIL.test(text)) return { by: 'email', email: text.toLowerCase() };
  const digits = text.replace(/[\s.\-()]/g, '');
  if (/^\+?\d{9,15}$/.test(digits)) return { by: 'phone', digits: digits.replace(/^\+?33/, '0') };
  throw userError(
    'BAD_USER_INPUT',
    `« ${text} » n'est ni une adresse e-mail ni un numéro de téléphone (9 chiffres au moins). / "${text}" is neither an e-mail address nor a phone number (at least 9 digits).`,
    { field: 'contact' },
  );
}

const columns = (db: Db) => db`c.id, c.first_name, c.last_name, c.email, c.phone,
  (c.password_hash is not null or c.franceconnect_subject is not null or c.email_confirmed_at is not null) as has_account,
  (select count(*)::int from requests r where r.citizen_id = c.id) as requests,
  (select count(*)::int from requests r where r.citizen_id = c.id and r.status <> 'closed') as open_requests,
  c.created_at, c.erased_at`;

/**
 * The town's people with this e-mail or phone, with or without an account. Someone who filed
 * requests on the portal without an account has no record yet: their requests with this address
 * (or this phone in their form) get one, created here in the officer's name, so that they can be
 * exported and erased like anyone else. Returns the people and how many requests were so linked.
 */
export async function findDataSubjects(
  db: Db,
  municipalityId: string,
  search: ContactSearch,
  officerId: string,
): Promise<{ subjects: DataSubjectRow[]; linked: number }> {
  const matches = search.by === 'email' ? db`lower(c.email) = ${search.email}` : db`c.phone_digits = ${search.digits}`;
  const known = () =>
    db<DataSubjectRow[]>`select ${columns(db)} from citizens c where ${matches} order by c.created_at`;
  let subjects = await known();
  let linked = 0;
  if (subjects.length === 0) {
    const requestMatches =
      search.by === 'email'
        ? db`lower(r.citizen_email) = ${search.email}`
        : db`regexp_replace(regexp_replace(coalesce(r.data ->> 'phone', ''), '\\D', '', 'g'), '^33', '0') = ${search.digits}`;
    const orphans = await db<{ id: string; email: string | null; phone: string | null }[]>`
      select r.id, lower(r.citizen_email) as email, r.data ->> 'phone' as phone from requests r
      where r.citizen_id is null and ${requestMatches} order by r.submitted_at`;
    if (orphans.length > 0) {
      const first = orphans[0]!;
      // Found by phone, their address may be another record's already (one address, one record).
      const [taken] = first.email ? await db`select 1 from citizens where lower(email) = ${first.email}` : [];
      const [created] = await db<{ id: string }[]>`insert into citizens (municipality_id, email, phone, created_by)
        values (${municipalityId}, ${taken ? null : first.email}, ${first.phone}, ${officerId}) returning id`;
      const update =
        await db`update requests set citizen_id = ${created!.id} where id = any(${orphans.map((o) => o.id)}::uuid[])`;
      linked = update.count;
      subjects = await known();
    }
  }
  return { subjects, linked };
}

/** One person of the town; NOT_FOUND naming the id when there is none (another town's included). */
export async function dataSubject(db: Db, id: string): Promise<DataSubjectRow> {
  const [row] = isUuid(id) ? await db<DataSubjectRow[]>`select ${columns(db)} from citizens c where c.id = ${id}` : [];
  if (!row)
    throw userError('NOT_FOUND', `Aucune personne ${id} dans votre commune. / No person ${id} in your town.`, {
      field: 'id',
    });
  return row;
}

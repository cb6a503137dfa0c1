import { type ProcessIR, retentionKind, retentionMonths } from '@parvis/engine';
import type { Sql, TransactionSql } from 'postgres';

/** What one sweep anonymised in one procedure of one town. */
export interface RetentionPurge {
  municipalityId: string;
  procedureKey: string;
  requests: number;
  retentionMonths: number;
}

/**
 * Anonymises, in every town, the closed requests of each procedure whose retention period has
 * passed since they closed: their form data (the place and search words derived from it follow),
 * contact address, link to the person, files, conversation, notes, followers, tracking links,
 * notification recipients and the data keys of their Temporal histories go; the row stays for
 * the counts. One transaction per procedure writes its record in retention_purges (no personal data
 * in it). Idempotent: an anonymised request is never taken again, so a second run finds nothing.
 * The timeline keeps its events, without the contact details they named (signed events excepted:
 * they hold the signer's decision).
 */
export async function applyRetention(sql: Sql, now = new Date()): Promise<RetentionPurge[]> {
  const procedures = await sql<
    { municipality_id: string; key: string; retention_months: number | null; ir: ProcessIR }[]
  >`select p.municipality_id, p.key, p.retention_months, v.ir
    from procedures p
    join lateral (select ir from procedure_versions v where v.municipality_id = p.municipality_id
      and v.procedure_key = p.key order by v.version desc limit 1) v on true
    order by p.municipality_id, p.key`;
  const purges: RetentionPurge[] = [];
  for (const procedure of procedures) {
    const kind = retentionKind(procedure.ir);
    const months = retentionMonths(kind, procedure.retention_months);
    const closedBefore = new Date(now);
    closedBefore.setUTCMonth(closedBefore.getUTCMonth() - months);
    const count = await sql.begin(async (tx) => {
      const expired = tx`select r.id from requests r join procedure_versions v on v.id = r.procedure_version_id
        where r.municipality_id = ${procedure.municipality_id} and v.procedure_key = ${procedure.key}
          and r.status = 'closed' and r.closed_at < ${closedBefore} and r.anonymised_at is null
        for update of r`;
      const ids = (await expired).map((r) => r.id as string);
      if (ids.length === 0) return 0;
      await anonymiseRequests(tx, ids);
      await tx`insert into retention_purges (municipality_id, at, procedure_key, requests, policy, retention_months,
          retention_source, closed_before)
        values (${procedure.municipality_id}, ${now}, ${procedure.key}, ${ids.length}, 'anonymise', ${months},
          ${procedure.retention_months === null ? kind : 'town'}, ${closedBefore})`;
      return ids.length;
    });
    if (count > 0) {
      purges.push({
        municipalityId: procedure.municipality_id,
        procedureKey: procedure.key,
        requests: count,
        retentionMonths: months,
      });
    }
  }
  return purges;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A case-insensitive regular expression of the e-mail addresses and phone numbers a request was
 * filed with (a phone in any notation: 06 12…, 06.12…, +33 6 12…); empty when it has none.
 */
export function contactPattern(emails: (string | null)[], phones: (string | null)[]): string {
  const parts = emails.filter((e): e is string => !!e?.trim()).map((e) => escapeRegex(e.trim()));
  for (const phone of phones) {
    const digits = (phone ?? '').replace(/\D/g, '').replace(/^33/, '0').replace(/^0/, '');
    if (digits.length >= 8) parts.push(`(\\+33|0)[\\s.-]?${digits.split('').join('[\\s.-]?')}`);
  }
  return [...new Set(parts)].join('|');
}

/** Takes the personal data out of these requests and what hangs on them. */
async function anonymiseRequests(tx: TransactionSql, ids: string[]): Promise<void> {
  const these = tx`request_id = any(${ids}::uuid[])`;
  // The timeline keeps its events, but not the contact details they name (who was told): each
  // rewritten event is stamped with the anonymisation's instant, which the chain check accepts.
  const contacts = await tx<{ id: string; emails: (string | null)[]; phones: (string | null)[] }[]>`
    select id, array[citizen_email, data ->> 'email'] as emails, array[data ->> 'phone'] as phones
    from requests where id = any(${ids}::uuid[])`;
  const patterns = contacts
    .map((request) => ({ id: request.id, pattern: contactPattern(request.emails, request.phones) }))
    .filter((request) => request.pattern !== '');
  // one statement for the whole batch, each request's events matched against its own pattern
  if (patterns.length > 0)
    await tx`update timeline_events e
        set payload = regexp_replace(e.payload::text, c.pattern, '[anonymisé]', 'gi')::jsonb, redacted_at = now()
      from unnest(${patterns.map((p) => p.id)}::uuid[], ${patterns.map((p) => p.pattern)}::text[]) as c(id, pattern)
      where e.request_id = c.id and e.kind <> 'signed' and e.payload::text ~* c.pattern`;
  await tx`delete from stored_files where ${these}`;
  await tx`update conversation_messages set body = '', fields = null, changes = null where ${these}`;
  await tx`update request_notes set body = '' where ${these}`;
  await tx`delete from request_followers where ${these}`;
  await tx`delete from tracking_links where ${these}`;
  // A notification's key names its recipient too; a rank keeps two recipients' keys apart.
  await tx`update notifications n set recipient = '[anonymisé]',
      key = replace(n.key, n.recipient, '[anonymisé-' || ranked.rank || ']')
    from (select request_id, key, row_number() over (partition by request_id order by key) as rank
      from notifications where ${these} and recipient <> '[anonymisé]') ranked
    where n.request_id = ranked.request_id and n.key = ranked.key`;
  // Their workflows ended long ago: destroying their data keys leaves Temporal's copies of the
  // data (histories, backups) unreadable too (workers/src/data-keys, migration 195).
  await tx`update workflow_data_keys k set wrapped_key = null, master_key_id = null, destroyed_at = now()
    from requests r where r.id = any(${ids}::uuid[]) and k.key_id = r.workflow_id and k.wrapped_key is not null`;
  await tx`update requests set data = '{"anonymised": true}'::jsonb, citizen_email = null, citizen_id = null,
      anonymised_at = now()
    where id = any(${ids}::uuid[])`;
}

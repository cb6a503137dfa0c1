import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import { AUDIT_KINDS, type AuditKind } from './record.ts';

/** What the administrator narrows the log to: kinds, and days (from, to: YYYY-MM-DD, both included). */
export interface AuditFilterInput {
  kinds?: string[] | null;
  from?: string | null;
  to?: string | null;
}

export interface AuditFilter {
  kinds: AuditKind[];
  from: string | null;
  to: string | null;
}

export interface AuditRow {
  id: string;
  at: Date;
  kind: string;
  action: string;
  actorName: string;
  actorAgentId: string | null;
  actorCitizenId: string | null;
  target: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filter, checked: an unknown kind or a day not written YYYY-MM-DD is refused, naming the field. */
export function parseAuditFilter(input: AuditFilterInput | null | undefined): AuditFilter {
  const kinds = input?.kinds ?? [];
  const unknown = kinds.filter((k) => !(AUDIT_KINDS as readonly string[]).includes(k));
  if (unknown.length) {
    throw userError(
      'BAD_USER_INPUT',
      `Type d'événement inconnu : ${unknown.join(', ')} (${AUDIT_KINDS.join(', ')}). / Unknown kind.`,
      { field: 'kinds' },
    );
  }
  for (const field of ['from', 'to'] as const) {
    const day = input?.[field];
    if (day && (!DAY.test(day) || Number.isNaN(Date.parse(day)))) {
      throw userError('BAD_USER_INPUT', `${field} : date attendue AAAA-MM-JJ. / ${field}: expected YYYY-MM-DD.`, {
        field,
      });
    }
  }
  return { kinds: kinds as AuditKind[], from: input?.from ?? null, to: input?.to ?? null };
}

/** The town's entries matching the filter, newest first, after the entry `before` (an id), `limit` at most. */
export function auditEntries(db: Db, filter: AuditFilter, timeZone: string, limit: number, before?: string) {
  return db<AuditRow[]>`
    select id::text, at, kind, action, actor_name as "actorName", actor_agent_id as "actorAgentId",
      actor_citizen_id as "actorCitizenId", target, host(ip) as ip, details
    from audit_log
    where true
      ${filter.kinds.length ? db`and kind = any(${filter.kinds})` : db``}
      ${filter.from ? db`and at >= (${filter.from}::date)::timestamp at time zone ${timeZone}` : db``}
      ${filter.to ? db`and at < (${filter.to}::date + 1)::timestamp at time zone ${timeZone}` : db``}
      ${before ? db`and id < ${before}::bigint` : db``}
    order by id desc
    limit ${limit}`;
}

/** A page's cursor is the id of its last entry: ids only grow. */
export function decodeAuditCursor(after: string | null | undefined): string | undefined {
  if (!after) return undefined;
  if (!/^\d{1,19}$/.test(after)) {
    throw userError(
      'BAD_USER_INPUT',
      'Curseur invalide : reprenez endCursor de la page précédente. / Invalid cursor.',
      {
        field: 'after',
      },
    );
  }
  return after;
}

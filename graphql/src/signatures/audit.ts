import type { Db } from '../common/database.ts';

/** What the signature book's audit trail records: keys and delegations, never a private key. */
export type AuditAction = 'keyEnrolled' | 'keyRevoked' | 'delegationGranted' | 'delegationRevoked';

/** Appends to the audit trail (append-only: the API role may neither update nor delete it). */
export async function audit(
  db: Db,
  municipalityId: string,
  actorId: string,
  action: AuditAction,
  details: Record<string, unknown>,
): Promise<void> {
  await db`insert into signature_audit (municipality_id, actor_id, action, details)
    values (${municipalityId}, ${actorId}, ${action}, ${db.json(details as never)})`;
}

export interface AuditRow {
  id: string;
  at: Date;
  actor_id: string;
  actor_name: string;
  action: AuditAction;
  details: Record<string, unknown>;
}

/** The trail, newest first, with who acted. */
export function auditTrail(db: Db, limit = 200) {
  return db<AuditRow[]>`select s.id, s.at, s.actor_id, a.display_name as actor_name, s.action, s.details
    from signature_audit s join agents a on a.id = s.actor_id order by s.id desc limit ${limit}`;
}

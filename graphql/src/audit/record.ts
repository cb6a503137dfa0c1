import type { ApiContext } from '../common/context.ts';
import type { Db } from '../common/database.ts';

/**
 * What an audit entry is about, its first word; the town's administrator filters the log by it.
 * Add a kind here (and its names in portal/src/i18n) before recording actions of a new kind.
 */
export const AUDIT_KINDS = [
  'sign-in', // sign-ins and sign-outs, success and failure, second factor
  'roles', // an agent's roles changed
  'groups', // an agent's groups, or a group itself, changed
  'agents', // agents created, invited, disabled, imported
  'export', // a list of requests exported
  'citizen-record', // an agent opened a citizen's record
  'settings', // the town's settings (branding, sign-in providers, channels…) changed
  'procedures', // a procedure installed, adapted or published
  'privacy', // the data-protection officer searched, exported or erased a person; a retention period changed
  'incidents', // an incident retried, or resolved with new values of its request's variables
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** `kind.what-happened`, e.g. `sign-in.failed`, `roles.changed`, `export.requests`. */
export type AuditAction = `${AuditKind}.${string}`;

/** Who acted: an agent, a citizen, or someone not (yet) known, named as they gave themselves. */
export interface AuditActor {
  agentId?: string | null;
  citizenId?: string | null;
  /** what the administrator reads: a display name or the e-mail address typed at sign-in */
  name: string;
}

export interface AuditEntry {
  municipalityId: string;
  actor: AuditActor;
  action: AuditAction;
  /** what was acted upon, e.g. `agent:<id>`, `citizen:<id>`, `requests`; null when nothing is */
  target?: string | null;
  /** the client's address (Express's `req.ip`, which honours `trust proxy`) */
  ip?: string | null;
  /** what else the administrator needs to understand the entry (old and new roles, filters…) */
  details?: Record<string, unknown>;
}

/**
 * Appends an entry to the town's audit log (table audit_log, append-only: migration 140). Call it
 * inside the transaction that makes the change, so that the change and its entry land together;
 * `db` must be sealed to `entry.municipalityId` (row-level security refuses any other town).
 */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db`insert into audit_log (municipality_id, actor_agent_id, actor_citizen_id, actor_name, action, target, ip, details)
    values (${entry.municipalityId}, ${entry.actor.agentId ?? null}, ${entry.actor.citizenId ?? null}, ${entry.actor.name},
      ${entry.action}, ${entry.target ?? null}, ${entry.ip ?? null}, ${db.json((entry.details ?? {}) as never)})`;
}

/** The signed-in agent as the actor, and the client's address, of a GraphQL operation or route. */
export function auditSource(ctx: Pick<ApiContext, 'agent' | 'req'>): Pick<AuditEntry, 'actor' | 'ip'> {
  const agent = ctx.agent;
  return {
    actor: agent ? { agentId: agent.id, name: agent.displayName } : { name: 'inconnu / unknown' },
    ip: ctx.req.ip ?? null,
  };
}

import type { SignedInAgent } from '../common/context.ts';
import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import { audit } from './audit.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface DelegationRow {
  id: string;
  delegator_id: string;
  delegator_name: string;
  delegator_email: string;
  delegator_groups: string[];
  delegate_id: string;
  delegate_name: string;
  starts_at: Date;
  ends_at: Date;
  reason: string | null;
  created_at: Date;
  revoked_at: Date | null;
}

/** Delegations of signature of the transaction's municipality. */
export function delegationRepository(db: Db) {
  const select = db`select d.id, d.delegator_id, f.display_name as delegator_name, f.email as delegator_email,
      f.groups as delegator_groups,
      d.delegate_id, t.display_name as delegate_name, d.starts_at, d.ends_at, d.reason, d.created_at, d.revoked_at
    from signature_delegations d join agents f on f.id = d.delegator_id join agents t on t.id = d.delegate_id`;
  return {
    /** Given by or to the agent, newest first. */
    ofAgent(agentId: string) {
      return db<DelegationRow[]>`${select} where d.delegator_id = ${agentId} or d.delegate_id = ${agentId}
        order by d.created_at desc`;
    },
    /** Delegations the agent holds right now (started, not ended, not revoked). */
    heldNow(delegateId: string) {
      return db<DelegationRow[]>`${select} where d.delegate_id = ${delegateId} and d.revoked_at is null
        and d.starts_at <= now() and d.ends_at > now() order by d.created_at`;
    },
    async byId(id: string) {
      if (!UUID.test(id)) return undefined;
      const [row] = await db<DelegationRow[]>`${select} where d.id = ${id}`;
      return row;
    },
  };
}

/**
 * The signed-in agent delegates their signature to another agent of the municipality for a
 * period. Refused: to oneself, to an unknown agent, an empty or past period, or a loop (the
 * delegate already delegates, directly or through others, back to the delegator over that period).
 */
export async function delegateSignature(
  db: Db,
  agent: SignedInAgent,
  input: { to: string; startsAt?: string; endsAt: string; reason?: string },
) {
  if (input.to === agent.id)
    throw userError(
      'DELEGATION_INVALID',
      'Vous ne pouvez pas vous déléguer votre propre signature. / You cannot delegate your signature to yourself.',
    );
  const [delegate] = UUID.test(input.to)
    ? await db<{ id: string; display_name: string }[]>`select id, display_name from agents where id = ${input.to}`
    : [];
  if (!delegate)
    throw userError(
      'DELEGATION_INVALID',
      `Aucun agent ${input.to} dans votre mairie à qui déléguer. / No such agent in your municipality.`,
    );
  const startsAt = input.startsAt ? new Date(input.startsAt) : new Date();
  const endsAt = new Date(input.endsAt);
  if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime()))
    throw userError(
      'DELEGATION_INVALID',
      'Dates de délégation illisibles : donnez-les en ISO 8601 (2026-07-01T08:00:00Z). / Unreadable dates: use ISO 8601.',
    );
  if (endsAt <= startsAt || endsAt <= new Date())
    throw userError(
      'DELEGATION_INVALID',
      'La délégation doit finir après son début et dans le futur. / The delegation must end after it starts, in the future.',
    );
  const loop = await loopBack(db, delegate.id, agent.id, startsAt, endsAt);
  if (loop)
    throw userError(
      'DELEGATION_INVALID',
      `Délégation refusée : elle formerait une boucle (${[agent.displayName, ...loop].join(' → ')}). / Refused: it would make a loop of delegations.`,
      { loop: [agent.displayName, ...loop] },
    );
  const [row] = await db<{ id: string }[]>`insert into signature_delegations
      (municipality_id, delegator_id, delegate_id, starts_at, ends_at, reason)
    values (${agent.municipalityId}, ${agent.id}, ${delegate.id}, ${startsAt}, ${endsAt}, ${input.reason?.slice(0, 500) ?? null})
    returning id`;
  await audit(db, agent.municipalityId, agent.id, 'delegationGranted', {
    delegationId: row!.id,
    delegator: agent.id,
    delegate: delegate.id,
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
    reason: input.reason,
  });
  return (await delegationRepository(db).byId(row!.id))!;
}

/**
 * The names along a chain of live delegations from `from` back to `target` overlapping the period
 * (from's name first, target's last), or undefined when there is none.
 */
async function loopBack(db: Db, from: string, target: string, startsAt: Date, endsAt: Date) {
  const rows = await db<{ path: string[] }[]>`
    with recursive reach (agent_id, path) as (
      select ${from}::uuid, array[${from}::uuid]
      union all
      select d.delegate_id, r.path || d.delegate_id
      from reach r join signature_delegations d on d.delegator_id = r.agent_id
      where d.revoked_at is null and d.starts_at < ${endsAt} and d.ends_at > ${startsAt}
        and not d.delegate_id = any(r.path) and array_length(r.path, 1) < 50
    )
    select (select array_agg(a.display_name order by p.n) from unnest(path) with ordinality p(id, n)
      join agents a on a.id = p.id) as path
    from reach where agent_id = ${target} limit 1`;
  return rows[0]?.path;
}

/** Ends a delegation the agent gave (or, for managers, any of the municipality). */
export async function revokeDelegation(db: Db, agent: SignedInAgent, id: string) {
  const delegation = await delegationRepository(db).byId(id);
  const mayRevokeOthers = agent.roles.includes('manager') || agent.roles.includes('administrator');
  if (!delegation || (delegation.delegator_id !== agent.id && !mayRevokeOthers))
    throw userError('NOT_FOUND', `Aucune délégation ${id} donnée par vous. / No such delegation of yours.`);
  if (delegation.revoked_at)
    throw userError('DELEGATION_INVALID', 'Cette délégation est déjà révoquée. / Already revoked.');
  await db`update signature_delegations set revoked_at = now() where id = ${id}`;
  await audit(db, agent.municipalityId, agent.id, 'delegationRevoked', { delegationId: id });
  return (await delegationRepository(db).byId(id))!;
}

/** The other agents of the municipality, by name. */
export function delegationCandidates(db: Db, agent: SignedInAgent) {
  return db<{ id: string; display_name: string; groups: string[] }[]>`select id, display_name, groups from agents
    where id <> ${agent.id} order by display_name limit 500`;
}

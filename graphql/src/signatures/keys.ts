import type { SignedInAgent } from '../common/context.ts';
import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import { audit } from './audit.ts';
import { readPublicKey } from './public-key.ts';

export interface SigningKeyRow {
  id: string;
  municipality_id: string;
  agent_id: string;
  agent_name: string;
  fingerprint: string;
  algorithm: string;
  public_key_spki: string;
  public_key_jwk: Record<string, unknown>;
  label: string | null;
  enrolled_at: Date;
  revoked_at: Date | null;
  revocation_reason: string | null;
}

/** Signing keys of the transaction's municipality (row-level security keeps the others out). */
export function keyRepository(db: Db) {
  const columns = db`k.id, k.municipality_id, k.agent_id, a.display_name as agent_name, k.fingerprint, k.algorithm,
    k.public_key_spki, k.public_key_jwk, k.label, k.enrolled_at, k.revoked_at, k.revocation_reason`;
  return {
    byAgent(agentId: string) {
      return db<SigningKeyRow[]>`select ${columns} from signing_keys k join agents a on a.id = k.agent_id
        where k.agent_id = ${agentId} order by k.enrolled_at desc`;
    },
    async byFingerprint(fingerprint: string) {
      const [row] = await db<SigningKeyRow[]>`select ${columns} from signing_keys k join agents a on a.id = k.agent_id
        where k.fingerprint = ${fingerprint.toLowerCase()}`;
      return row;
    },
    async active(agentId: string) {
      const [row] = await db<SigningKeyRow[]>`select ${columns} from signing_keys k join agents a on a.id = k.agent_id
        where k.agent_id = ${agentId} and k.revoked_at is null`;
      return row;
    },
  };
}

/**
 * Enrols the public half of a key the agent's browser made; the agent's previous active key, if
 * any, is revoked as replaced. The server never sees a private key.
 */
export async function enrolSigningKey(db: Db, agent: SignedInAgent, publicKey: string, label?: string) {
  const material = readPublicKey(publicKey);
  const keys = keyRepository(db);
  const existing = await keys.byFingerprint(material.fingerprint);
  if (existing)
    throw userError(
      'KEY_INVALID',
      `Cette clé (empreinte ${material.fingerprint.slice(0, 16)}…) est déjà enrôlée : générez-en une nouvelle. / This key is already enrolled.`,
    );
  const previous = await keys.active(agent.id);
  if (previous) await revoke(db, agent, previous.id, 'remplacée par une nouvelle clé / replaced');
  await db`insert into signing_keys (municipality_id, agent_id, fingerprint, public_key_spki, public_key_jwk, label)
    values (${agent.municipalityId}, ${agent.id}, ${material.fingerprint}, ${material.spki},
      ${db.json(material.jwk as never)}, ${label?.slice(0, 120) ?? null})`;
  await audit(db, agent.municipalityId, agent.id, 'keyEnrolled', { fingerprint: material.fingerprint, label });
  return (await keys.byFingerprint(material.fingerprint))!;
}

/** Revokes one of the agent's own keys (managers and administrators: any key of the municipality). */
export async function revokeSigningKey(db: Db, agent: SignedInAgent, fingerprint: string, reason?: string) {
  const key = await keyRepository(db).byFingerprint(fingerprint);
  const mayRevokeOthers = agent.roles.includes('manager') || agent.roles.includes('administrator');
  if (!key || (key.agent_id !== agent.id && !mayRevokeOthers))
    throw userError('NOT_FOUND', `Aucune clé de signature ${fingerprint} à votre nom. / No such signing key of yours.`);
  if (key.revoked_at)
    throw userError(
      'KEY_REVOKED',
      `La clé ${fingerprint.slice(0, 16)}… est déjà révoquée depuis le ${key.revoked_at.toISOString()}. / Already revoked.`,
    );
  await revoke(db, agent, key.id, reason?.slice(0, 500) ?? 'révoquée par son titulaire / revoked');
  return (await keyRepository(db).byFingerprint(fingerprint))!;
}

async function revoke(db: Db, agent: SignedInAgent, keyId: string, reason: string) {
  const [key] = await db<{ fingerprint: string; agent_id: string }[]>`update signing_keys
    set revoked_at = now(), revoked_by = ${agent.id}, revocation_reason = ${reason}
    where id = ${keyId} and revoked_at is null returning fingerprint, agent_id`;
  if (key)
    await audit(db, agent.municipalityId, agent.id, 'keyRevoked', {
      fingerprint: key.fingerprint,
      owner: key.agent_id,
      reason,
    });
}

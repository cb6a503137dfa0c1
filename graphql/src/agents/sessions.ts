import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from 'postgres';
import type { SignedInAgent } from '../common/context.ts';

export const SESSION_COOKIE = 'parvis_session';
const SESSION_HOURS = 12;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** Opens a session; only the token's hash is stored. */
export async function openSession(sql: Sql, agentId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  await sql`insert into agent_sessions (token_hash, agent_id, expires_at) values (${digest(token)}, ${agentId}, ${expiresAt})`;
  return { token, expiresAt };
}

export async function closeSession(sql: Sql, token: string): Promise<void> {
  await sql`delete from agent_sessions where token_hash = ${digest(token)}`;
}

export async function agentForSession(sql: Sql, token: string | undefined): Promise<SignedInAgent | undefined> {
  if (!token) return undefined;
  const [row] = await sql<SignedInAgent[]>`
    select a.id, a.municipality_id as "municipalityId", a.email, a.display_name as "displayName", a.roles, a.groups
    from agent_sessions s join agents a on a.id = s.agent_id
    where s.token_hash = ${digest(token)} and s.expires_at > now()`;
  return row;
}

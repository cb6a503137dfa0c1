import { createHash, randomBytes } from 'node:crypto';
import type { SignedInAgent } from '../common/context.ts';
import type { Database, Db } from '../common/database.ts';

export const SESSION_COOKIE = 'parvis_session';
const SESSION_HOURS = 12;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** Opens a session in the agent's municipality; only the token's hash is stored. */
export async function openSession(
  db: Db,
  agent: { id: string; municipalityId: string },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  await db`insert into agent_sessions (token_hash, agent_id, municipality_id, expires_at)
    values (${digest(token)}, ${agent.id}, ${agent.municipalityId}, ${expiresAt})`;
  return { token, expiresAt };
}

export async function closeSession(db: Db, token: string): Promise<void> {
  await db`delete from agent_sessions where token_hash = ${digest(token)}`;
}

/** The agent of a session token, found before any municipality is known (a narrow database function). */
export async function agentForSession(db: Database, token: string | undefined): Promise<SignedInAgent | undefined> {
  if (!token) return undefined;
  const [row] = await db.outside(
    (tx) => tx<SignedInAgent[]>`
      select id, municipality_id as "municipalityId", email, display_name as "displayName", roles, groups
      from parvis_agent_session(${digest(token)})`,
  );
  return row;
}

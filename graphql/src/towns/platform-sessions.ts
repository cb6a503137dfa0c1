import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../common/database.ts';

export const PLATFORM_COOKIE = 'parvis_platform';
const SESSION_HOURS = 8;

export const platformDigest = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A platform administrator, signed in: belongs to no town, creates and disables towns. */
export interface PlatformAdministrator {
  id: string;
  email: string;
  displayName: string;
}

/** The administrator of a platform session token, or undefined (none, unknown, expired). */
export async function platformAdministratorFor(
  db: Database,
  token: string | undefined,
): Promise<PlatformAdministrator | undefined> {
  if (!token) return undefined;
  const [row] = await db.outside(
    (tx) => tx<PlatformAdministrator[]>`
      select a.id, a.email, a.display_name as "displayName"
      from platform_sessions s join platform_administrators a on a.id = s.administrator_id
      where s.token_hash = ${platformDigest(token)} and s.expires_at > now()`,
  );
  return row;
}

/** Opens a session for a platform administrator; only the token's hash is stored. */
export async function openPlatformSession(
  db: Database,
  administratorId: string,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  await db.outside(
    (tx) => tx`insert into platform_sessions (token_hash, administrator_id, expires_at)
      values (${platformDigest(token)}, ${administratorId}, ${expiresAt})`,
  );
  return { token, expiresAt };
}

export async function closePlatformSession(db: Database, token: string): Promise<void> {
  await db.outside((tx) => tx`delete from platform_sessions where token_hash = ${platformDigest(token)}`);
}

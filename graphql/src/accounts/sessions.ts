import { createHash, randomBytes } from 'node:crypto';
import type { ApiContext, SignedInCitizen } from '../common/context.ts';
import type { Database, Db } from '../common/database.ts';
import { sessionCookie } from '../common/session-cookie.ts';

export const CITIZEN_COOKIE = 'parvis_citizen';
const SESSION_DAYS = 30;

export const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** Opens a citizen's session and sets its HTTP-only cookie; only the token's hash is stored. */
export async function openCitizenSession(
  db: Db,
  citizen: SignedInCitizen,
  ctx: Pick<ApiContext, 'req' | 'res' | 'publicUrl'>,
  /** FranceConnect's ID token, which its logout asks for */
  idToken: string | null = null,
) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await db`insert into citizen_sessions (token_hash, citizen_id, municipality_id, expires_at, id_token)
    values (${digest(token)}, ${citizen.id}, ${citizen.municipalityId}, ${expiresAt}, ${idToken})`;
  ctx.res.cookie(CITIZEN_COOKIE, token, sessionCookie(ctx, expiresAt));
}

/** Closes one session: the citizen's others (another browser) stay open. Its FranceConnect ID token, if any. */
export async function closeCitizenSession(db: Db, token: string): Promise<string | null> {
  const [row] = await db<{ id_token: string | null }[]>`delete from citizen_sessions
    where token_hash = ${digest(token)} returning id_token`;
  return row?.id_token ?? null;
}

/** The citizen of a session token, found before any municipality is known (a narrow database function). */
export async function citizenForSession(db: Database, token: string | undefined): Promise<SignedInCitizen | undefined> {
  if (!token) return undefined;
  const [row] = await db.outside(
    (tx) => tx<SignedInCitizen[]>`select id, municipality_id as "municipalityId", email
      from parvis_citizen_session(${digest(token)})`,
  );
  return row;
}

import type { ApiContext, SignedInAgent } from '../common/context.ts';
import { userError } from '../common/errors.ts';
import { sessionCookie } from '../common/session-cookie.ts';
import { admitSignIn } from '../common/sign-in-throttle.ts';
import { verifyPassword } from './password.ts';
import { openSession, SESSION_COOKIE } from './sessions.ts';

/** Password sign-in of an agent, throttled per account and client network; opens a session in an HTTP-only cookie. */
export async function signInAgent(
  ctx: ApiContext,
  municipalityId: string,
  rawEmail: string,
  password: string,
): Promise<SignedInAgent> {
  const email = rawEmail.trim().toLowerCase();
  const attempt = await admitSignIn(ctx, { municipalityId, kind: 'agent', email });
  const [row] = await ctx.db.within(
    municipalityId,
    (tx) => tx<(Omit<SignedInAgent, 'municipalityId'> & { passwordHash: string })[]>`
      select id, password_hash as "passwordHash", email, display_name as "displayName", roles, groups
      from agents where email = ${email}`,
  );
  if (!row || !(await verifyPassword(password, row.passwordHash))) {
    throw userError('UNAUTHENTICATED', 'E-mail ou mot de passe incorrect. / Wrong e-mail or password.');
  }
  await attempt.succeeded();
  const session = await ctx.db.within(municipalityId, (tx) => openSession(tx, { id: row.id, municipalityId }));
  ctx.res.cookie(SESSION_COOKIE, session.token, sessionCookie(ctx, session.expiresAt));
  const { passwordHash: _, ...agent } = row;
  return { ...agent, municipalityId };
}

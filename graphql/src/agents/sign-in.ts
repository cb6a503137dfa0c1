import { recordAudit } from '../audit/record.ts';
import type { ApiContext, SignedInAgent } from '../common/context.ts';
import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import { sessionCookie } from '../common/session-cookie.ts';
import { admitSignIn } from '../common/sign-in-throttle.ts';
import { verifyPassword } from './password.ts';
import { checkCode, hasTotp, openEnrolment, type TotpHolder } from './second-factor.ts';
import { openSession, SESSION_COOKIE } from './sessions.ts';

type AgentRow = Omit<SignedInAgent, 'municipalityId'> & TotpHolder & { passwordHash: string; disabledAt: Date | null };

const WRONG = 'E-mail ou mot de passe incorrect. / Wrong e-mail or password.';

/**
 * Password sign-in of an agent, throttled per account and client network; opens a session in an
 * HTTP-only cookie. An agent with TOTP gives its code too (else UNAUTHENTICATED with extensions
 * `secondFactor: 'code'`); an administrator without TOTP is refused (`secondFactor: 'enrol'` and
 * the enrolment's token as `challenge`) and sets it up first.
 * Every success and failure goes to the town's audit log.
 */
export async function signInAgent(
  ctx: ApiContext,
  municipalityId: string,
  rawEmail: string,
  password: string,
  code?: string | null,
): Promise<SignedInAgent> {
  const email = rawEmail.trim().toLowerCase();
  const attempt = await admitSignIn(ctx, { municipalityId, kind: 'agent', email });
  const [row] = await ctx.db.within(
    municipalityId,
    (tx) => tx<AgentRow[]>`
      select id, password_hash as "passwordHash", email, display_name as "displayName", roles, groups,
        disabled_at as "disabledAt", totp_secret as "totpSecret", totp_confirmed_at as "totpConfirmedAt",
        totp_last_step as "totpLastStep"
      from agents where email = ${email}`,
  );
  const failed = (reason: string, error: Error = userError('UNAUTHENTICATED', WRONG)) =>
    ctx.db
      .within(municipalityId, (tx) =>
        recordAudit(tx, {
          municipalityId,
          actor: { agentId: row?.id ?? null, name: email || '?' },
          action: 'sign-in.failed',
          ip: ctx.req.ip ?? null,
          details: { method: 'password', reason },
        }),
      )
      .catch(() => undefined)
      .then(() => Promise.reject(error));
  if (!row || !(await verifyPassword(password, row.passwordHash))) {
    return failed(row ? 'wrong password' : 'unknown e-mail');
  }
  if (row.disabledAt) {
    return failed(
      'disabled',
      userError(
        'FORBIDDEN',
        'Ce compte est désactivé : adressez-vous à votre administrateur. / This account is disabled.',
      ),
    );
  }
  if (hasTotp(row) && !code?.trim()) {
    throw userError(
      'UNAUTHENTICATED',
      "Saisissez le code à 6 chiffres de votre application d'authentification. / Type the 6-digit code of your authenticator app.",
      { field: 'code', secondFactor: 'code' },
    );
  }
  const agent = { ...row, municipalityId };
  if (!hasTotp(row) && row.roles.includes('administrator') && !ctx.administratorsWithoutTotp) {
    const enrolment = await ctx.db.within(municipalityId, (tx) => openEnrolment(tx, agent));
    throw userError(
      'UNAUTHENTICATED',
      "Les administrateurs se connectent avec un second facteur : configurez votre application d'authentification. / Administrators sign in with a second factor: set up your authenticator app.",
      { secondFactor: 'enrol', challenge: enrolment.token },
    );
  }
  if (hasTotp(row)) {
    try {
      await ctx.db.within(municipalityId, (tx) => checkCode(tx, row, code ?? ''));
    } catch (error) {
      return failed('wrong TOTP code', error as Error);
    }
  }
  await attempt.succeeded();
  return ctx.db.within(municipalityId, (tx) =>
    startAgentSession(tx, ctx, agent, hasTotp(row) ? 'password+totp' : 'password'),
  );
}

/** Opens the agent's session (cookie) and logs the sign-in; the agent as the API shows it. */
export async function startAgentSession(
  tx: Db,
  ctx: Pick<ApiContext, 'req' | 'res' | 'publicUrl'>,
  agent: SignedInAgent,
  method: string,
): Promise<SignedInAgent> {
  const session = await openSession(tx, agent);
  ctx.res.cookie(SESSION_COOKIE, session.token, sessionCookie(ctx, session.expiresAt));
  await recordAudit(tx, {
    municipalityId: agent.municipalityId,
    actor: { agentId: agent.id, name: agent.displayName },
    action: 'sign-in.succeeded',
    ip: ctx.req.ip ?? null,
    details: { method },
  });
  const { id, municipalityId, email, displayName, roles, groups } = agent;
  return { id, municipalityId, email, displayName, roles, groups };
}

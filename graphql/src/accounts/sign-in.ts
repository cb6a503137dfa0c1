import { recordAudit } from '../audit/record.ts';
import { EMAIL } from '../common/contact-checks.ts';
import type { ApiContext, SignedInCitizen } from '../common/context.ts';
import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import { admitSignIn } from '../common/sign-in-throttle.ts';
import { sendLink, spendLink } from './links.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password.ts';
import { accountRepository } from './repository.ts';
import { openCitizenSession } from './sessions.ts';

function checkedEmail(email: string): string {
  const clean = email.trim().toLowerCase();
  if (!EMAIL.test(clean)) {
    throw userError(
      'BAD_USER_INPUT',
      "Cette adresse e-mail n'est pas valide (exemple : nom@domaine.fr). / This e-mail address is not valid.",
      {
        field: 'email',
      },
    );
  }
  return clean;
}

async function municipalityName(ctx: ApiContext, municipalityId: string): Promise<string> {
  const [row] = await ctx.db.within(municipalityId, (tx) => tx<{ name: string }[]>`select name from municipalities`);
  if (!row)
    throw userError('NOT_FOUND', `Commune « ${municipalityId} » inconnue. / Unknown municipality.`, {
      field: 'municipality',
    });
  return row.name;
}

export interface SignUp {
  municipalityId: string;
  email: string;
  password: string;
  firstName?: string | null;
  lastName?: string | null;
  consent: { purpose: string; text: string };
}

/**
 * Sign-up: the password and name wait with a one-time link sent to the address; they apply when
 * the link is opened, which proves the address. Answers the same whether or not the address is known.
 */
export async function signUp(ctx: ApiContext, input: SignUp): Promise<void> {
  const email = checkedEmail(input.email);
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw userError(
      'BAD_USER_INPUT',
      `Le mot de passe doit compter au moins ${MIN_PASSWORD_LENGTH} caractères. / The password needs at least ${MIN_PASSWORD_LENGTH} characters.`,
      { field: 'password' },
    );
  }
  if (!input.consent.text.trim() || !input.consent.purpose.trim()) {
    throw userError(
      'BAD_USER_INPUT',
      'Le consentement doit porter un objet et un texte. / The consent needs a purpose and a text.',
      {
        field: 'consent',
      },
    );
  }
  const name = await municipalityName(ctx, input.municipalityId);
  const passwordHash = await hashPassword(input.password);
  await ctx.db.within(input.municipalityId, async (tx) => {
    await sendLink(tx, ctx.mailer, {
      municipalityId: input.municipalityId,
      municipalityName: name,
      email,
      publicUrl: ctx.publicUrl,
      signUp: { passwordHash, firstName: input.firstName, lastName: input.lastName, consent: input.consent },
    });
  });
}

/** Sends a one-time sign-in link; answers the same whether or not the address is known. */
export async function requestSignInLink(ctx: ApiContext, municipalityId: string, rawEmail: string): Promise<void> {
  const email = checkedEmail(rawEmail);
  const name = await municipalityName(ctx, municipalityId);
  await ctx.db.within(municipalityId, (tx) =>
    sendLink(tx, ctx.mailer, { municipalityId, municipalityName: name, email, publicUrl: ctx.publicUrl }),
  );
}

/** Opens a session from a one-time link: the address is confirmed, the citizen created if new. */
export async function signInWithLink(ctx: ApiContext, municipalityId: string, token: string): Promise<SignedInCitizen> {
  return ctx.db.within(municipalityId, async (tx) => {
    const link = await spendLink(tx, token);
    if (!link) {
      throw userError(
        'LINK_INVALID',
        'Ce lien a expiré ou a déjà servi : demandez-en un nouveau. / This link expired or was used: ask for a new one.',
      );
    }
    const accounts = accountRepository(tx);
    const id = await accounts.confirm(municipalityId, link);
    if (link.consent_purpose && link.consent_text) {
      await accounts.recordConsent(municipalityId, id, { purpose: link.consent_purpose, text: link.consent_text });
    }
    const citizen = { id, municipalityId, email: link.email };
    await openCitizenSession(tx, citizen, ctx);
    await citizenSignedIn(tx, ctx, citizen, 'link');
    return citizen;
  });
}

/** Password sign-in, for a confirmed address; throttled per account and client network. */
export async function signInWithPassword(
  ctx: ApiContext,
  municipalityId: string,
  rawEmail: string,
  password: string,
): Promise<SignedInCitizen> {
  const email = rawEmail.trim().toLowerCase();
  const attempt = await admitSignIn(ctx, { municipalityId, kind: 'citizen', email });
  const row = await ctx.db.within(municipalityId, (tx) => accountRepository(tx).byEmail(email));
  if (!row?.email_confirmed_at || !(await verifyPassword(password, row.password_hash))) {
    const reason = !row ? 'unknown e-mail' : !row.email_confirmed_at ? 'address not confirmed' : 'wrong password';
    await ctx.db
      .within(municipalityId, (tx) =>
        recordAudit(tx, {
          municipalityId,
          actor: { citizenId: row?.id ?? null, name: email || '?' },
          action: 'sign-in.failed',
          ip: ctx.req.ip ?? null,
          details: { method: 'password', audience: 'citizens', reason },
        }),
      )
      .catch(() => undefined);
    throw userError(
      'UNAUTHENTICATED',
      'E-mail ou mot de passe incorrect, ou adresse pas encore confirmée : vous pouvez demander un lien de connexion. / Wrong e-mail or password, or address not confirmed yet: you can ask for a sign-in link.',
    );
  }
  await attempt.succeeded();
  const citizen = { id: row.id, municipalityId, email: row.email };
  await ctx.db.within(municipalityId, async (tx) => {
    await openCitizenSession(tx, citizen, ctx);
    await citizenSignedIn(tx, ctx, citizen, 'password');
  });
  return citizen;
}

/** A citizen's sign-in, in the town's audit log. */
const citizenSignedIn = (tx: Db, ctx: ApiContext, citizen: SignedInCitizen, method: 'password' | 'link') =>
  recordAudit(tx, {
    municipalityId: citizen.municipalityId,
    actor: { citizenId: citizen.id, name: citizen.email },
    action: 'sign-in.succeeded',
    target: `citizen:${citizen.id}`,
    ip: ctx.req.ip ?? null,
    details: { method, audience: 'citizens' },
  });

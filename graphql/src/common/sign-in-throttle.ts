import { createHash } from 'node:crypto';
import type { GraphQLError } from 'graphql';
import { clientNetwork } from './client-network.ts';
import type { ApiContext } from './context.ts';
import { userError } from './errors.ts';
import { SIGN_IN_LIMITS, type SignInFailures, signInWait } from './sign-in-wait.ts';

/** Whose password is tried: an agent's or a citizen's account in a municipality. */
export interface SignInAccount {
  municipalityId: string;
  kind: 'agent' | 'citizen';
  email: string;
}

/** A sign-in let through: counted as failed unless its password proves right. */
export interface AdmittedSignIn {
  succeeded(): Promise<void>;
}

const RECENT = `${SIGN_IN_LIMITS.windowMinutes} minutes`;
const REMEMBERED = `${SIGN_IN_LIMITS.pairMemoryHours} hours`;

/**
 * Lets a password sign-in go ahead, or refuses it (RATE_LIMITED) before its account is looked up
 * or its password checked, saying when to retry. Failures are kept in PostgreSQL, so every API
 * process counts them; the client's network is Express's `req.ip`, which honours `trust proxy`.
 */
export async function admitSignIn(ctx: ApiContext, account: SignInAccount): Promise<AdmittedSignIn> {
  // A digest names the account: the failures keep no e-mail address.
  const key = createHash('sha256').update(`${account.municipalityId}\n${account.kind}\n${account.email}`).digest('hex');
  const network = clientNetwork(ctx.req.ip);
  const wait = await ctx.db.outside(async (tx) => {
    const [failures] = await tx<SignInFailures[]>`
      select pair, pair_last_ago as "pairLastAgo", from_network as "fromNetwork",
        network_oldest_ago as "networkOldestAgo", of_account as "ofAccount"
      from parvis_sign_in_failures(${key}, ${network}, ${RECENT}::interval, ${REMEMBERED}::interval)`;
    const seconds = signInWait(failures!);
    // Counted as failed before the password is checked: attempts sent at once cannot all slip through.
    if (seconds === 0) await tx`select parvis_sign_in_failed(${key}, ${network}, ${REMEMBERED}::interval)`;
    return seconds;
  });
  if (wait > 0) {
    ctx.res.set('Retry-After', String(wait));
    throw tooManyAttempts(wait, account.kind);
  }
  return {
    succeeded: async () => {
      await ctx.db.outside((tx) => tx`select parvis_sign_in_succeeded(${key}, ${network})`);
    },
  };
}

function tooManyAttempts(seconds: number, kind: SignInAccount['kind']): GraphQLError {
  const when = seconds < 60 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
  // A citizen may sign in with a link sent to their address instead; agents have no such link.
  const [fr, en] =
    kind === 'citizen' ? [', ou demandez un lien de connexion', ', or ask for a sign-in link'] : ['', ''];
  return userError(
    'RATE_LIMITED',
    `Trop de tentatives : réessayez dans ${when}${fr}. / Too many attempts: try again in ${when}${en}.`,
    { retryAfterSeconds: seconds },
  );
}

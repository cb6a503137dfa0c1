import type { Database } from './database.ts';
import { userError } from './errors.ts';

const WINDOW_MINUTES = 15;
/** Failed sign-ins allowed per account, and per client address, in the window. */
export const MAX_FAILURES = { account: 5, client: 20 };

/** Refuses a sign-in when the account or the client address failed too often lately. */
export async function checkSignInRate(db: Database, municipalityId: string, account: string, client: string) {
  const [row] = await db.within(
    municipalityId,
    (tx) => tx<{ account: number; client: number }[]>`
      select count(*) filter (where subject = ${account})::int as account,
             count(*) filter (where subject = ${client})::int as client
      from sign_in_attempts
      where subject in (${account}, ${client}) and not succeeded
        and attempted_at > now() - make_interval(mins => ${WINDOW_MINUTES})`,
  );
  if ((row?.account ?? 0) >= MAX_FAILURES.account || (row?.client ?? 0) >= MAX_FAILURES.client) {
    throw userError(
      'RATE_LIMITED',
      `Trop de tentatives : réessayez dans ${WINDOW_MINUTES} minutes ou demandez un lien de connexion. / Too many attempts: try again in ${WINDOW_MINUTES} minutes or ask for a sign-in link.`,
      { retryAfterSeconds: WINDOW_MINUTES * 60 },
    );
  }
}

/** Records a sign-in attempt for the account and the client address. */
export async function recordSignIn(
  db: Database,
  municipalityId: string,
  account: string,
  client: string,
  succeeded: boolean,
) {
  await db.within(
    municipalityId,
    (tx) => tx`insert into sign_in_attempts (municipality_id, subject, succeeded)
    values (${municipalityId}, ${account}, ${succeeded}), (${municipalityId}, ${client}, ${succeeded})`,
  );
}

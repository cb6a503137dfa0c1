import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import { acceptedTotpStep, newTotpSecret } from './totp.ts';

const CHALLENGE_MINUTES = 10;
const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** An agent whose second factor is asked, as sign-in reads them. */
export interface TotpHolder {
  id: string;
  totpSecret: string | null;
  totpConfirmedAt: Date | null;
  totpLastStep: string | number | null;
}

export const hasTotp = (agent: Pick<TotpHolder, 'totpConfirmedAt'>) => agent.totpConfirmedAt !== null;

/** A TOTP enrolment under way: its token (given to the agent's browser) and the secret offered. */
export async function openEnrolment(
  db: Db,
  agent: { id: string; municipalityId: string },
): Promise<{ token: string; secret: string }> {
  const token = randomBytes(32).toString('base64url');
  const secret = newTotpSecret();
  await db`delete from agent_sign_in_challenges where agent_id = ${agent.id} or expires_at < now()`;
  await db`insert into agent_sign_in_challenges (token_hash, municipality_id, agent_id, step, pending_secret, expires_at)
    values (${digest(token)}, ${agent.municipalityId}, ${agent.id}, 'enrol', ${secret},
      now() + ${`${CHALLENGE_MINUTES} minutes`}::interval)`;
  return { token, secret };
}

/** The enrolment of this token, if still open. */
export async function findEnrolment(db: Db, token: string) {
  const [row] = await db<{ agentId: string; secret: string }[]>`
    select agent_id as "agentId", pending_secret as secret from agent_sign_in_challenges
    where token_hash = ${digest(token)} and step = 'enrol' and expires_at > now()`;
  if (!row) {
    throw userError(
      'LINK_INVALID',
      'Cette mise en place de la double authentification a expiré : reconnectez-vous pour la reprendre. / This two-factor set-up expired: sign in again to resume it.',
      { field: 'challenge' },
    );
  }
  return row;
}

/** Confirms an enrolment with a first code: the secret becomes the agent's, the enrolment closes. */
export async function confirmEnrolment(db: Db, token: string, code: string): Promise<string> {
  const enrolment = await findEnrolment(db, token);
  const step = acceptedTotpStep(enrolment.secret, code, null);
  if (step === null) throw wrongCode();
  await db`update agents set totp_secret = ${enrolment.secret}, totp_confirmed_at = now(), totp_last_step = ${step}
    where id = ${enrolment.agentId}`;
  await db`delete from agent_sign_in_challenges where token_hash = ${digest(token)}`;
  return enrolment.agentId;
}

/** Checks a sign-in's code against the agent's secret, and spends its time step. */
export async function checkCode(db: Db, agent: TotpHolder, code: string): Promise<void> {
  const last = agent.totpLastStep === null ? null : Number(agent.totpLastStep);
  const step = agent.totpSecret ? acceptedTotpStep(agent.totpSecret, code, last) : null;
  if (step === null) throw wrongCode();
  await db`update agents set totp_last_step = ${step} where id = ${agent.id}`;
}

export const wrongCode = () =>
  userError(
    'UNAUTHENTICATED',
    'Code de vérification incorrect ou déjà utilisé : saisissez le code à 6 chiffres que votre application affiche maintenant. / Wrong or already used verification code: type the 6-digit code your app shows now.',
    { field: 'code' },
  );

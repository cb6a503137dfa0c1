import { randomBytes } from 'node:crypto';
import type { Db } from '../common/database.ts';
import type { Mailer } from '../common/mailer.ts';
import { digest } from './sessions.ts';

const LINK_MINUTES = 20;

/** What a sign-up sets once its link proves the address. */
export interface PendingSignUp {
  passwordHash: string;
  firstName?: string | null;
  lastName?: string | null;
  consent: { purpose: string; text: string };
}

export interface SpentLink {
  email: string;
  password_hash: string | null;
  first_name: string | null;
  last_name: string | null;
  consent_purpose: string | null;
  consent_text: string | null;
}

/** Sends a one-time link that signs in and confirms the address (and, for a sign-up, sets its password). */
export async function sendLink(
  db: Db,
  mailer: Mailer,
  link: { municipalityId: string; municipalityName: string; email: string; publicUrl: string; signUp?: PendingSignUp },
) {
  const token = randomBytes(24).toString('base64url');
  await db`insert into citizen_links (token_hash, municipality_id, email, password_hash, first_name, last_name,
      consent_purpose, consent_text, expires_at)
    values (${digest(token)}, ${link.municipalityId}, ${link.email}, ${link.signUp?.passwordHash ?? null},
      ${link.signUp?.firstName ?? null}, ${link.signUp?.lastName ?? null}, ${link.signUp?.consent.purpose ?? null},
      ${link.signUp?.consent.text ?? null}, now() + make_interval(mins => ${LINK_MINUTES}))`;
  const url = `${link.publicUrl}/connexion?commune=${encodeURIComponent(link.municipalityId)}&jeton=${token}`;
  const [fr, en] = link.signUp
    ? ['Pour confirmer la création de votre compte', 'To confirm your new account']
    : ['Pour vous connecter à votre espace', 'To sign in'];
  await mailer.send({
    to: link.email,
    fromName: link.municipalityName,
    subject: `${link.municipalityName} : ${link.signUp ? 'confirmez votre compte / confirm your account' : 'votre lien de connexion / your sign-in link'}`,
    text: [
      'Bonjour,',
      '',
      `${fr}, ouvrez ce lien dans les ${LINK_MINUTES} minutes (il ne sert qu'une fois) :`,
      url,
      '',
      "Si vous n'avez rien demandé, ignorez ce message.",
      '',
      `${en}, open this link within ${LINK_MINUTES} minutes (it works once): ${url}`,
      `Jeton / token: ${token}`,
    ].join('\n'),
  });
}

/** What a fresh, unused link carries; the link is spent. */
export async function spendLink(db: Db, token: string): Promise<SpentLink | undefined> {
  const [row] = await db<SpentLink[]>`update citizen_links set used_at = now()
    where token_hash = ${digest(token)} and used_at is null and expires_at > now()
    returning email, password_hash, first_name, last_name, consent_purpose, consent_text`;
  return row;
}

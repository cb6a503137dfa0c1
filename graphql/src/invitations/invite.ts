import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../common/database.ts';

/** How long a first sign-in link works. */
export const INVITATION_DAYS = 7;

/** Who is invited into a town, and as what. */
export interface InvitationInput {
  municipalityId: string;
  email: string;
  displayName: string;
  roles: string[];
  groups?: string[];
}

export const invitationDigest = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Invites someone to become an agent of a town: a one-time token, valid INVITATION_DAYS days, of
 * which only the hash is stored. Earlier open invitations of the same e-mail in the town lapse.
 * Runs in the caller's transaction (within the town, or the owner's), so nothing is half-written.
 */
export async function createInvitation(db: Db, input: InvitationInput): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  const email = input.email.trim().toLowerCase();
  await db`update invitations set expires_at = least(expires_at, now())
    where municipality_id = ${input.municipalityId} and lower(email) = ${email} and accepted_at is null`;
  await db`insert into invitations (token_hash, municipality_id, email, display_name, roles, groups, expires_at)
    values (${invitationDigest(token)}, ${input.municipalityId}, ${email}, ${input.displayName.trim()},
      ${input.roles}, ${input.groups ?? []}, ${expiresAt})`;
  return { token, expiresAt };
}

/** The first sign-in link: the portal's page where the invited person chooses a password. */
export const invitationUrl = (townUrl: string, municipalityId: string, token: string): string =>
  `${townUrl}/agent/invitation?commune=${encodeURIComponent(municipalityId)}&jeton=${encodeURIComponent(token)}`;

/** The invitation's mail, French then English. */
export function invitationMail(
  input: { email: string; displayName: string; townName: string },
  link: string,
): { to: string; subject: string; text: string; fromName: string } {
  return {
    to: input.email,
    fromName: input.townName,
    subject: `Invitation à Parvis — ${input.townName} / Invitation to Parvis`,
    text: [
      `Bonjour ${input.displayName},`,
      '',
      `Vous êtes invité·e à rejoindre l'espace des agents de ${input.townName} sur Parvis.`,
      `Choisissez votre mot de passe en ouvrant ce lien (valable ${INVITATION_DAYS} jours, une seule fois) :`,
      link,
      '',
      `You are invited to join ${input.townName}'s staff area on Parvis. Choose your password with the link above`,
      `(valid ${INVITATION_DAYS} days, once).`,
    ].join('\n'),
  };
}

import type { ApiContext } from '../common/context.ts';
import type { Db } from '../common/database.ts';
import { createInvitation, invitationMail, invitationUrl } from '../invitations/index.ts';

/** An agent just created, to invite: their first sign-in link lets them choose a password. */
export interface StaffInvitee {
  email: string;
  displayName: string;
  roles: string[];
  groups: string[];
}

/**
 * Creates the invitations in the transaction that created the agents (so an agent never exists
 * without one), and returns what sends their mails once it is committed.
 */
export async function inviteStaff(
  tx: Db,
  ctx: Pick<ApiContext, 'mailer' | 'publicUrl' | 'log'>,
  municipalityId: string,
  invitees: StaffInvitee[],
): Promise<() => Promise<void>> {
  const [town] = await tx<{ name: string }[]>`select name from municipalities where id = ${municipalityId}`;
  const mails: ReturnType<typeof invitationMail>[] = [];
  for (const invitee of invitees) {
    const { token } = await createInvitation(tx, { municipalityId, ...invitee });
    const link = invitationUrl(ctx.publicUrl, municipalityId, token);
    mails.push(invitationMail({ ...invitee, townName: town!.name }, link));
  }
  return async () => {
    // A mail server down does not undo the agents: the administrator invites them again from the list.
    for (const mail of mails)
      await ctx.mailer
        .send(mail)
        .catch((error: unknown) => ctx.log(`town ${municipalityId}: an invitation was not sent (${String(error)})`));
  };
}

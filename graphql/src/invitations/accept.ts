import { hashPassword } from '../agents/password.ts';
import type { Db } from '../common/database.ts';
import { invitationDigest } from './invite.ts';

/** The shortest password an invited agent may choose. */
export const MIN_PASSWORD_LENGTH = 12;

/** An open invitation, as its link's page shows it. */
export interface OpenInvitation {
  email: string;
  displayName: string;
  roles: string[];
}

/** Why an invitation link does not work: unknown, already used, or expired. */
export type InvitationProblem = 'unknown' | 'used' | 'expired';

/** The invitation a token opens in a town, or why it does not. */
export async function findInvitation(db: Db, token: string): Promise<OpenInvitation | InvitationProblem> {
  const [row] = await db<(OpenInvitation & { accepted: boolean; expired: boolean })[]>`
    select email, display_name as "displayName", roles, accepted_at is not null as accepted, expires_at <= now() as expired
    from invitations where token_hash = ${invitationDigest(token)}`;
  if (!row) return 'unknown';
  if (row.accepted) return 'used';
  if (row.expired) return 'expired';
  return { email: row.email, displayName: row.displayName, roles: row.roles };
}

/**
 * Accepts an invitation: the agent is created with the invitation's roles and groups and the chosen
 * password (or, already an agent of the town, gets them), and the token is spent. Returns the
 * agent's id, or why the link does not work. Runs in the caller's transaction, within the town.
 */
export async function acceptInvitation(
  db: Db,
  municipalityId: string,
  token: string,
  password: string,
): Promise<{ agentId: string } | InvitationProblem> {
  const found = await findInvitation(db, token);
  if (typeof found === 'string') return found;
  const [spent] = await db<{ groups: string[] }[]>`
    update invitations set accepted_at = now()
    where token_hash = ${invitationDigest(token)} and accepted_at is null returning groups`;
  if (!spent) return 'used';
  const hash = await hashPassword(password);
  const [agent] = await db<{ id: string }[]>`
    insert into agents (municipality_id, email, display_name, password_hash, roles, groups)
    values (${municipalityId}, ${found.email}, ${found.displayName}, ${hash}, ${found.roles}, ${spent.groups})
    on conflict (municipality_id, email) do update set password_hash = excluded.password_hash,
      roles = (select array(select distinct unnest(agents.roles || excluded.roles))),
      groups = (select array(select distinct unnest(agents.groups || excluded.groups)))
    returning id`;
  return { agentId: agent!.id };
}

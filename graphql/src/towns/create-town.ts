import type { Db } from '../common/database.ts';
import { createInvitation } from '../invitations/index.ts';
import { TOWN_ADMIN_ROLE } from './roles.ts';
import type { NewTown, TownProblem } from './town-input.ts';

/** A town refused for what is already taken: each problem with its field. */
export class TownRefused extends Error {
  constructor(readonly problems: TownProblem[]) {
    super(problems.map((problem) => problem.message).join('\n'));
  }
}

/**
 * Creates a town, its host names and its first administrator's invitation in the caller's
 * transaction: a slug or a host name already taken refuses the whole (TownRefused), so nothing is
 * half-created. Works within the new town (the API, under row-level security) or as the owner (the
 * command). Returns the invitation's one-time token, for the caller to mail once committed.
 */
export async function createTown(db: Db, town: NewTown): Promise<{ invitationToken: string }> {
  const problems: TownProblem[] = [];
  const [taken] = await db`select 1 from municipalities where id = ${town.slug}`;
  if (taken) {
    problems.push({
      field: 'slug',
      message: `L'identifiant « ${town.slug} » est déjà pris. / The slug ${town.slug} is already taken.`,
    });
  }
  for (const host of town.hosts) {
    const [owner] = await db<{ town: string | null }[]>`select parvis_town_for_host(${host}) as town`;
    if (owner?.town) {
      problems.push({
        field: 'hosts',
        message: `Le nom d'hôte « ${host} » appartient déjà à la commune « ${owner.town} ». / The host name ${host} already belongs to town ${owner.town}.`,
      });
    }
  }
  if (problems.length > 0) throw new TownRefused(problems);
  await db`insert into municipalities (id, name, contact_email, time_zone, holiday_region)
    values (${town.slug}, ${town.name}, ${town.contactEmail}, ${town.timeZone}, ${town.holidayRegion})`;
  for (const [rank, host] of town.hosts.entries()) {
    await db`insert into municipality_hosts (host, municipality_id, rank) values (${host}, ${town.slug}, ${rank})`;
  }
  const { token } = await createInvitation(db, {
    municipalityId: town.slug,
    email: town.admin.email,
    displayName: town.admin.displayName,
    roles: [TOWN_ADMIN_ROLE],
  });
  return { invitationToken: token };
}

/** A unique violation on a host name, met when two towns claim it at the same moment. */
export function hostClaimedMeanwhile(error: unknown): TownRefused | undefined {
  const e = error as { code?: string; constraint_name?: string };
  if (e?.code !== '23505') return undefined;
  if (e.constraint_name === 'municipality_hosts_pkey') {
    return new TownRefused([
      {
        field: 'hosts',
        message: 'Un nom d’hôte vient d’être pris par une autre commune. / A host name was just taken by another town.',
      },
    ]);
  }
  if (e.constraint_name === 'municipalities_pkey') {
    return new TownRefused([{ field: 'slug', message: "L'identifiant vient d'être pris. / The slug was just taken." }]);
  }
  return undefined;
}

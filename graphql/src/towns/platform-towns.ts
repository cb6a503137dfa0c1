import type { Db } from '../common/database.ts';
import { platformDigest } from './platform-sessions.ts';

/** A town as the platform's administrators (the screen and the command) list it. */
export interface PlatformTown {
  id: string;
  name: string;
  hosts: string[];
  timeZone: string;
  holidayRegion: string;
  disabled: boolean;
  createdAt: string;
}

/** Every town (or one), for a platform administrator's session: the database checks the session. */
export async function listTowns(db: Db, sessionToken: string, only?: string): Promise<PlatformTown[]> {
  return db<PlatformTown[]>`
    select id, name, hosts, time_zone as "timeZone", holiday_region as "holidayRegion",
      disabled_at is not null as disabled, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt"
    from parvis_platform_towns(${platformDigest(sessionToken)})
    where ${only ?? null}::text is null or id = ${only ?? null}`;
}

/** Every town, for the owner's connection (the command line). */
export async function listTownsAsOwner(db: Db): Promise<PlatformTown[]> {
  return db<PlatformTown[]>`
    select m.id, m.name, time_zone as "timeZone", holiday_region as "holidayRegion",
      disabled_at is not null as disabled, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt",
      coalesce((select array_agg(h.host order by h.rank, h.host) from municipality_hosts h where h.municipality_id = m.id), '{}') as hosts
    from municipalities m order by m.id`;
}

/** Closes or reopens a town (within it); false when there is no such town. Its data stay as they are. */
export async function setTownDisabled(db: Db, slug: string, disabled: boolean): Promise<boolean> {
  const rows = await db`update municipalities
    set disabled_at = case when ${disabled} then coalesce(disabled_at, now()) else null end
    where id = ${slug} returning id`;
  return rows.length === 1;
}

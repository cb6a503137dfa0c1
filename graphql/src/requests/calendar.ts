import type { BusinessCalendar } from '@parvis/engine';
import type { Db } from '../common/database.ts';

/** The municipality's business calendar, with its closures from a month ago on. */
export async function municipalityCalendar(sql: Db, municipalityId: string): Promise<BusinessCalendar> {
  const [town] = await sql<{ time_zone: string; alsace_moselle: boolean }[]>`
    select time_zone, alsace_moselle from municipalities where id = ${municipalityId}`;
  const closures = await sql<{ day: string }[]>`select to_char(day, 'YYYY-MM-DD') as day from municipality_closures
    where municipality_id = ${municipalityId} and day >= current_date - 31 order by day`;
  return {
    timeZone: town?.time_zone ?? 'Europe/Paris',
    alsaceMoselle: town?.alsace_moselle ?? false,
    closures: closures.map((c) => c.day),
  };
}

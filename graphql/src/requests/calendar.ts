import { type BusinessCalendar, DEFAULT_BUSINESS_CALENDAR } from '@parvis/engine';
import type { Db } from '../common/database.ts';

/** The municipality's business calendar, with its closures from a month ago on (migration 092). */
export async function municipalityCalendar(sql: Db, municipalityId: string): Promise<BusinessCalendar> {
  const [row] = await sql<{ calendar: BusinessCalendar | null }[]>`
    select parvis_business_calendar(${municipalityId}) as calendar`;
  return row?.calendar ?? DEFAULT_BUSINESS_CALENDAR;
}

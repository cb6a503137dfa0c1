// Sandbox-safe: which days a town hall works, and its opening hours.
import { type CivilDate, formatCivilDate, isoWeekday, parseCivilDate } from './civil-date.ts';
import { frenchPublicHolidays, type HolidayRegion } from './holidays.ts';
import { parseClockTime } from './zoned-time.ts';

export interface BusinessCalendar {
  /** IANA time zone the municipality lives in, e.g. `Europe/Paris`, `America/Cayenne` */
  timeZone: string;
  /** Bas-Rhin, Haut-Rhin and Moselle also rest on Good Friday and 26 December */
  alsaceMoselle: boolean;
  /** whose holidays the town keeps; mainland (or Alsace-Moselle per `alsaceMoselle`) when not given */
  holidayRegion?: HolidayRegion;
  /** days the municipality closes (`YYYY-MM-DD`), e.g. a bridge day */
  closures: string[];
  /** counted by hour-based SLAs; 09:00–17:00 when not given */
  openingHours?: { start: string; end: string };
}

export const DEFAULT_BUSINESS_CALENDAR: BusinessCalendar = {
  timeZone: 'Europe/Paris',
  alsaceMoselle: false,
  closures: [],
};

export const DEFAULT_OPENING_HOURS = { start: '09:00', end: '17:00' };

/** Opening and closing time of a business day, in milliseconds since local midnight. */
export function openingWindow(calendar: BusinessCalendar): { open: number; close: number } {
  const { start, end } = calendar.openingHours ?? DEFAULT_OPENING_HOURS;
  const open = parseClockTime(start);
  const close = parseClockTime(end);
  if (close <= open) throw new RangeError(`Opening hours ${start}–${end} must end after they start.`);
  return { open, close };
}

/** Why the town is closed on a day: a closure it declared, or a public holiday. */
export type ClosedDay = 'CLOSURE' | 'HOLIDAY';

/** Whether the town closes on this day, and why; null when it may open (weekends aside). */
export function closedOn(date: CivilDate, calendar: BusinessCalendar): ClosedDay | null {
  const text = formatCivilDate(date);
  if (calendar.closures.includes(text)) return 'CLOSURE';
  const holidays = frenchPublicHolidays(date.year, {
    alsaceMoselle: calendar.alsaceMoselle,
    region: calendar.holidayRegion,
  });
  return holidays.includes(text) ? 'HOLIDAY' : null;
}

/** The same for a local day written `YYYY-MM-DD`. */
export const closedDay = (date: string, calendar: BusinessCalendar): ClosedDay | null =>
  closedOn(parseCivilDate(date), calendar);

export function isBusinessDay(date: CivilDate, calendar: BusinessCalendar): boolean {
  return isoWeekday(date) <= 5 && closedOn(date, calendar) === null;
}

/** Checks a calendar once, so that a mistyped closure is reported, not silently ignored. */
export function checkCalendar(calendar: BusinessCalendar): void {
  for (const closure of calendar.closures) parseCivilDate(closure);
  openingWindow(calendar);
  new Intl.DateTimeFormat('en-US', { timeZone: calendar.timeZone });
}

// Sandbox-safe: the instant a local calendar day begins, for timers set on a date.
import { parseCivilDate } from './civil-date.ts';
import { formatInstant, fromLocal } from './zoned-time.ts';

/** `2027-01-31` in `Europe/Paris` → `2027-01-30T23:00:00.000Z`. */
export function startOfLocalDay(date: string, timeZone: string): string {
  return formatInstant(fromLocal({ date: parseCivilDate(date), time: 0 }, timeZone));
}

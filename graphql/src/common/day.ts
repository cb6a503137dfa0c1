import { userError } from './errors.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day a client names (`YYYY-MM-DD`), or BAD_USER_INPUT on `field`. */
export function checkedDay(day: string, field = 'date'): string {
  if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)))
    throw userError('BAD_USER_INPUT', `Jour illisible : « ${day} » (AAAA-MM-JJ). / Not a day (YYYY-MM-DD).`, { field });
  return day;
}

/** The calendar day after `day` (`YYYY-MM-DD`). */
export const dayAfter = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

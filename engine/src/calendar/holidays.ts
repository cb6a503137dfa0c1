// Sandbox-safe: French public holidays (Code du travail, art. L3133-1), plus Good Friday and
// St Stephen's Day in Alsace-Moselle (art. L3134-13: Bas-Rhin, Haut-Rhin, Moselle).
import { addDays, type CivilDate, formatCivilDate } from './civil-date.ts';
import { easterSunday } from './easter.ts';

export interface HolidayOptions {
  alsaceMoselle?: boolean;
}

/** The public holidays of a year, as sorted `YYYY-MM-DD` dates. */
export function frenchPublicHolidays(year: number, options: HolidayOptions = {}): string[] {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`Year ${year} is outside the Gregorian calendar years handled (1583–9999).`);
  }
  const on = (month: number, day: number): CivilDate => ({ year, month, day });
  const easter = easterSunday(year);
  const dates = [
    on(1, 1),
    addDays(easter, 1),
    on(5, 1),
    on(5, 8),
    addDays(easter, 39),
    addDays(easter, 50),
    on(7, 14),
    on(8, 15),
    on(11, 1),
    on(11, 11),
    on(12, 25),
    ...(options.alsaceMoselle ? [addDays(easter, -2), on(12, 26)] : []),
  ];
  // Ascension can fall on 1 May (2008) or 8 May (2035): a date is listed once
  return [...new Set(dates.map(formatCivilDate))].sort();
}

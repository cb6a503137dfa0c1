// Sandbox-safe: French public holidays (Code du travail, art. L3133-1), plus Good Friday and
// St Stephen's Day in Alsace-Moselle (art. L3134-13: Bas-Rhin, Haut-Rhin, Moselle), and in each
// overseas department the day slavery was abolished there (loi 83-550, décret 83-1003; Mayotte:
// décret 2012-553).
import { addDays, type CivilDate, formatCivilDate } from './civil-date.ts';
import { easterSunday } from './easter.ts';

/** Whose public holidays a town keeps: mainland France, Alsace-Moselle or an overseas department. */
export const HOLIDAY_REGIONS = [
  'metropole',
  'alsace-moselle',
  'guadeloupe',
  'martinique',
  'guyane',
  'la-reunion',
  'mayotte',
] as const;
export type HolidayRegion = (typeof HOLIDAY_REGIONS)[number];

/** The abolition of slavery, per overseas department: [month, day]. */
const ABOLITION_DAY: Partial<Record<HolidayRegion, [number, number]>> = {
  guadeloupe: [5, 27],
  martinique: [5, 22],
  guyane: [6, 10],
  'la-reunion': [12, 20],
  mayotte: [4, 27],
};

export function isHolidayRegion(value: unknown): value is HolidayRegion {
  return typeof value === 'string' && (HOLIDAY_REGIONS as readonly string[]).includes(value);
}

export interface HolidayOptions {
  /** the same as region `alsace-moselle` (kept for calendars written before regions) */
  alsaceMoselle?: boolean;
  region?: HolidayRegion;
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
    ...(options.alsaceMoselle || options.region === 'alsace-moselle' ? [addDays(easter, -2), on(12, 26)] : []),
  ];
  const abolition = options.region && ABOLITION_DAY[options.region];
  if (abolition) dates.push(on(abolition[0], abolition[1]));
  // Ascension can fall on 1 May (2008) or 8 May (2035): a date is listed once
  return [...new Set(dates.map(formatCivilDate))].sort();
}

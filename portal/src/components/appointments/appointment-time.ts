import { intlLocale, type Lang } from '../../composables/useI18n.ts';
import { TOWN } from '../../municipality.ts';

// Days and times of appointments, in words, for the citizen's panel and the agents' day: on the
// town's clock (Cayenne or Saint-Denis de La Réunion as well as Paris), as its slots are.
const TOWN_TIME_ZONE = TOWN.timeZone;

/** « lundi 14 décembre 2026 à 09:20 » */
export function whenInWords(lang: Lang, iso: string): string {
  const date = new Date(iso);
  const day = new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'full', timeZone: TOWN_TIME_ZONE }).format(date);
  return `${day} ${lang === 'en' ? 'at' : 'à'} ${timeOf(lang, iso)}`;
}

/** « 09:20 » */
export function timeOf(lang: Lang, iso: string): string {
  return new Intl.DateTimeFormat(intlLocale(lang), { timeStyle: 'short', timeZone: TOWN_TIME_ZONE }).format(
    new Date(iso),
  );
}

/** « lundi 14 décembre 2026 » for a local day YYYY-MM-DD. */
export function dayInWords(lang: Lang, day: string): string {
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'full', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/** The local day `days` after `day` (YYYY-MM-DD). */
export function dayAfter(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Today in the town, YYYY-MM-DD. */
export function townToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TOWN_TIME_ZONE }).format(new Date());
}

export type Lang = 'fr' | 'en';

const LOCALES: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

/** « 12 mars 2025 à 14:05 » / "12 March 2025 at 14:05", in the municipality's time zone. */
export function dateAndTime(date: Date, timeZone: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeStyle: 'short', timeZone }).format(date);
}

/** « 12 mars 2025 » / "12 March 2025", in the municipality's time zone. */
export function dayOf(date: Date, timeZone: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone }).format(date);
}

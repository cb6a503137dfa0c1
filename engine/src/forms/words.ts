// Sandbox-safe: a form's values as people read them, in French or English — an option's label
// instead of its key, a date in words, a number with the language's separators, a place as its
// address or, without one, its position in words. One definition for the mails the workers send,
// the documents and pages the API makes, and what the portal shows.
import type { FormComponent } from './schema.ts';

export type WordsLanguage = 'fr' | 'en';

const LOCALES: Record<WordsLanguage, string> = { fr: 'fr-FR', en: 'en-GB' };
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * « 7 décembre 2026 » / "7 December 2026". A calendar date (`2026-12-07`) stays that day whatever
 * the zone; an instant is read in the municipality's time zone. Unreadable text is returned as is.
 */
export function dateInWords(iso: string, lang: WordsLanguage, timeZone = 'Europe/Paris'): string {
  const calendarDate = CALENDAR_DATE.test(iso);
  const date = new Date(calendarDate ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter(LOCALES[lang], { dateStyle: 'long', timeZone: calendarDate ? 'UTC' : timeZone }).format(date);
}

/**
 * A text with its ISO calendar dates (`2026-09-01`, as FEEL joins them into a sentence) in words:
 * « à compter du 1 septembre 2026 ». Other numbers stay as they are.
 */
export function datesInText(text: string, lang: WordsLanguage): string {
  return text.replace(/\b(\d{4}-\d{2}-\d{2})(?![\d:T])/g, (iso) => dateInWords(iso, lang));
}

/** « 7 décembre 2026 à 14:05 » / "7 December 2026 at 14:05", in the municipality's time zone. */
export function dateTimeInWords(iso: string, lang: WordsLanguage, timeZone = 'Europe/Paris'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter(LOCALES[lang], { dateStyle: 'long', timeStyle: 'short', timeZone }).format(date);
}

/** « 1 234,5 » / "1,234.5". */
export function numberInWords(value: number, lang: WordsLanguage): string {
  return formatter(LOCALES[lang], {}, 'number').format(value);
}

/**
 * An amount of money as each language writes it: « 1 098 € », « 22,50 € » / "€1,098", "€22.50"
 * (cents only when there are some). `currency` is an ISO 4217 code, euros unless said.
 */
export function moneyInWords(value: number, lang: WordsLanguage, currency = 'EUR'): string {
  return formatter(
    LOCALES[lang],
    { style: 'currency', currency, trailingZeroDisplay: 'stripIfInteger' } as Intl.NumberFormatOptions,
    'number',
  ).format(value);
}

/** Where something is, as a place in a form holds it: its address, else its coordinates in words. */
export interface PlaceValues {
  address?: unknown;
  latitude?: unknown;
  longitude?: unknown;
}

/**
 * The address when one was given; else « près de 48,8566° N, 2,3522° E » / "near 48.8566° N,
 * 2.3522° E" (four decimals: about ten metres); else an empty text.
 */
export function placeInWords(place: PlaceValues, lang: WordsLanguage): string {
  if (typeof place.address === 'string' && place.address.trim() !== '') return place.address.trim();
  const latitude = coordinate(place.latitude);
  const longitude = coordinate(place.longitude);
  if (latitude === undefined || longitude === undefined) return '';
  const degrees = (value: number, positive: string, negative: string) =>
    `${formatter(LOCALES[lang], { minimumFractionDigits: 4, maximumFractionDigits: 4 }, 'number').format(Math.abs(value))}° ${value < 0 ? negative : positive}`;
  const west = lang === 'fr' ? 'O' : 'W';
  return `${lang === 'fr' ? 'près de' : 'near'} ${degrees(latitude, 'N', 'S')}, ${degrees(longitude, 'E', west)}`;
}

/** A form's field by its key, in any of the forms given (a procedure's start form and task forms). */
export function fieldByKey(forms: readonly ({ components?: FormComponent[] } | undefined)[], key: string) {
  const find = (components: FormComponent[] = []): FormComponent | undefined => {
    for (const component of components) {
      if (component.key === key && component.type !== 'group') return component;
      // a group without a path keeps its children's values at the top level; others nest them
      const inner = !component.path && component.type !== 'dynamiclist' ? find(component.components) : undefined;
      if (inner) return inner;
    }
    return undefined;
  };
  for (const form of forms) {
    const found = find(form?.components);
    if (found) return found;
  }
  return undefined;
}

/** The label of one of a field's fixed options (select, radio, checklist, taglist), if it has it. */
export function optionLabel(field: FormComponent | undefined, value: unknown): string | undefined {
  const option = field?.values?.find(
    (candidate) =>
      typeof candidate === 'object' && candidate !== null && (candidate as { value?: unknown }).value === value,
  ) as { label?: unknown } | undefined;
  return typeof option?.label === 'string' && option.label !== '' ? option.label : undefined;
}

/**
 * A field's value in words: its options' labels, a date field's date in words, yes or no, a number
 * as the language writes it, a text as typed. Empty when there is nothing to say (no value, an object).
 */
export function valueInWords(
  value: unknown,
  field: FormComponent | undefined,
  lang: WordsLanguage,
  timeZone = 'Europe/Paris',
): string {
  if (value === undefined || value === null || value === '') return '';
  if (Array.isArray(value))
    return value
      .map((one) => valueInWords(one, field, lang, timeZone))
      .filter(Boolean)
      .join(', ');
  const label = optionLabel(field, value);
  if (label) return label;
  if (typeof value === 'boolean') return lang === 'fr' ? (value ? 'oui' : 'non') : value ? 'yes' : 'no';
  if (typeof value === 'number') return numberInWords(value, lang);
  if (typeof value !== 'string') return '';
  const text = value.trim();
  if (field?.type === 'datetime' && field.subtype !== 'time' && /^\d{4}-\d{2}-\d{2}/.test(text))
    return field.subtype === 'datetime' && text.length > 10
      ? dateTimeInWords(text, lang, timeZone)
      : dateInWords(text.slice(0, 10), lang, timeZone);
  return text;
}

function coordinate(value: unknown): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

// Making a formatter costs far more than using one: a mail or a page makes many.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions, kind?: 'date'): Intl.DateTimeFormat;
function formatter(locale: string, options: Intl.NumberFormatOptions, kind: 'number'): Intl.NumberFormat;
function formatter(
  locale: string,
  options: Intl.DateTimeFormatOptions | Intl.NumberFormatOptions,
  kind: 'date' | 'number' = 'date',
): Intl.DateTimeFormat | Intl.NumberFormat {
  const key = `${kind} ${locale} ${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found =
      kind === 'number'
        ? new Intl.NumberFormat(locale, options as Intl.NumberFormatOptions)
        : new Intl.DateTimeFormat(locale, options as Intl.DateTimeFormatOptions);
    formatters.set(key, found);
  }
  return found;
}

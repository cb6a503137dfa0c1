// Sandbox-safe: a delay the law or a procedure gives (an implicit decision, the time to send missing
// pieces), in calendar days, weeks or months, or in business days, and the civil date it ends on.

import type { BusinessCalendar } from './business-calendar.ts';
import { addBusinessTime, type BusinessAmount } from './business-time.ts';
import { addDays, formatCivilDate } from './civil-date.ts';
import { implicitDecisionDate } from './implicit-decision.ts';
import { parseInstant, toLocal } from './zoned-time.ts';

export type DelayUnit = 'days' | 'weeks' | 'months' | 'businessDays';

/** A delay as a procedure states it: `silence.months = 2`, `completeness.days = 15`… */
export interface LegalDelay {
  amount: number;
  unit: DelayUnit;
}

export const DELAY_UNITS: DelayUnit[] = ['days', 'weeks', 'months', 'businessDays'];

/**
 * The civil date (YYYY-MM-DD, the town's) a delay counted from `fromIso` ends on: months end on the
 * day with the same number (or the month's last day), days and weeks are calendar days, business days
 * follow the town's calendar (weekends, public holidays, closures).
 */
export function legalDeadline(fromIso: string, delay: LegalDelay, calendar: BusinessCalendar): string {
  if (!Number.isInteger(delay.amount) || delay.amount < 1)
    throw new RangeError(`A delay must be a whole number ≥ 1, not ${delay.amount}.`);
  const { timeZone } = calendar;
  if (delay.unit === 'months') return implicitDecisionDate(fromIso, { months: delay.amount }, timeZone);
  if (delay.unit === 'businessDays') {
    const end = addBusinessTime(fromIso, { days: delay.amount }, calendar);
    return formatCivilDate(toLocal(parseInstant(end), timeZone).date);
  }
  const days = delay.unit === 'weeks' ? delay.amount * 7 : delay.amount;
  return formatCivilDate(addDays(toLocal(parseInstant(fromIso), timeZone).date, days));
}

const WORDS: Record<'fr' | 'en', Record<DelayUnit, [string, string]>> = {
  fr: {
    days: ['jour', 'jours'],
    weeks: ['semaine', 'semaines'],
    months: ['mois', 'mois'],
    businessDays: ['jour ouvré', 'jours ouvrés'],
  },
  en: {
    days: ['day', 'days'],
    weeks: ['week', 'weeks'],
    months: ['month', 'months'],
    businessDays: ['business day', 'business days'],
  },
};

/** « 2 mois », « 15 jours ouvrés », "3 weeks". */
export function describeDelay(delay: LegalDelay, lang: 'fr' | 'en'): string {
  const [one, many] = WORDS[lang][delay.unit];
  return `${delay.amount} ${delay.amount === 1 ? one : many}`;
}

/** « 20 jours ouvrés », "4 business hours": a processing time (an SLA) as the procedure counts it. */
export function describeBusinessTime(amount: BusinessAmount, lang: 'fr' | 'en'): string {
  const parts: string[] = [];
  if (amount.days) parts.push(describeDelay({ amount: amount.days, unit: 'businessDays' }, lang));
  if (amount.hours) {
    const many = amount.hours > 1;
    parts.push(
      lang === 'fr'
        ? `${amount.hours} heure${many ? 's' : ''} ouvrée${many ? 's' : ''}`
        : `${amount.hours} business hour${many ? 's' : ''}`,
    );
  }
  return parts.join(lang === 'fr' ? ' et ' : ' and ');
}

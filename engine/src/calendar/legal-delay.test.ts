import { describe, expect, it } from 'vitest';
import { describeBusinessTime, describeDelay, legalDeadline } from './legal-delay.ts';

const PARIS = { timeZone: 'Europe/Paris', alsaceMoselle: false, closures: [] };

describe('legal delays in days, weeks, months or business days', () => {
  it('ends a delay on the civil date of the town', () => {
    // received on Thursday 31 December 2026, 23:30 in Paris (22:30 UTC)
    const received = '2026-12-31T22:30:00.000Z';
    expect(legalDeadline(received, { amount: 2, unit: 'months' }, PARIS)).toBe('2027-02-28');
    expect(legalDeadline(received, { amount: 15, unit: 'days' }, PARIS)).toBe('2027-01-15');
    expect(legalDeadline(received, { amount: 3, unit: 'weeks' }, PARIS)).toBe('2027-01-21');
    // business days skip the weekend and New Year's Day: Mon 4, Tue 5 January
    expect(legalDeadline(received, { amount: 2, unit: 'businessDays' }, PARIS)).toBe('2027-01-05');
  });

  it('refuses a delay that is not a whole number above zero', () => {
    expect(() => legalDeadline('2026-03-02T09:00:00.000Z', { amount: 0, unit: 'days' }, PARIS)).toThrow(RangeError);
  });

  it('says a delay in French and English words', () => {
    expect(describeDelay({ amount: 2, unit: 'months' }, 'fr')).toBe('2 mois');
    expect(describeDelay({ amount: 1, unit: 'weeks' }, 'fr')).toBe('1 semaine');
    expect(describeDelay({ amount: 15, unit: 'businessDays' }, 'fr')).toBe('15 jours ouvrés');
    expect(describeDelay({ amount: 15, unit: 'businessDays' }, 'en')).toBe('15 business days');
    expect(describeBusinessTime({ days: 2, hours: 4 }, 'fr')).toBe('2 jours ouvrés et 4 heures ouvrées');
    expect(describeBusinessTime({ hours: 1 }, 'en')).toBe('1 business hour');
  });
});

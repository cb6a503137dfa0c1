import { describe, expect, it } from 'vitest';
import { easterSunday } from './easter.ts';
import { frenchPublicHolidays, type HolidayRegion } from './holidays.ts';

describe('easterSunday', () => {
  it.each([
    [2000, 4, 23],
    [2024, 3, 31],
    [2025, 4, 20],
    [2026, 4, 5],
    [2027, 3, 28],
    [2038, 4, 25],
    [1818, 3, 22],
    [2285, 3, 22],
  ])('falls in %i on %i/%i', (year, month, day) => {
    // given a year; when
    const easter = easterSunday(year);

    // then
    expect(easter).toEqual({ year, month, day });
  });
});

describe('frenchPublicHolidays', () => {
  it('lists the eleven public holidays of 2026', () => {
    // given
    const year = 2026;

    // when
    const holidays = frenchPublicHolidays(year);

    // then
    expect(holidays).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  it('adds Good Friday and 26 December in Alsace-Moselle', () => {
    // given
    const year = 2027;

    // when
    const general = frenchPublicHolidays(year);
    const alsaceMoselle = frenchPublicHolidays(year, { alsaceMoselle: true });

    // then
    expect(alsaceMoselle.filter((date) => !general.includes(date))).toEqual(['2027-03-26', '2027-12-26']);
    expect(general).toContain('2027-03-29');
  });

  it('adds, in each overseas department, the day slavery was abolished there', () => {
    // given
    const general = frenchPublicHolidays(2027);
    const extra = (region: HolidayRegion) =>
      frenchPublicHolidays(2027, { region }).filter((date) => !general.includes(date));

    // then
    expect(extra('guadeloupe')).toEqual(['2027-05-27']);
    expect(extra('martinique')).toEqual(['2027-05-22']);
    expect(extra('guyane')).toEqual(['2027-06-10']);
    expect(extra('la-reunion')).toEqual(['2027-12-20']);
    expect(extra('mayotte')).toEqual(['2027-04-27']);
    expect(extra('alsace-moselle')).toEqual(['2027-03-26', '2027-12-26']);
    expect(extra('metropole')).toEqual([]);
  });

  it('lists a date once when Ascension falls on 1 May', () => {
    // given
    const year = 2008;

    // when
    const holidays = frenchPublicHolidays(year);

    // then
    expect(holidays.filter((date) => date === '2008-05-01')).toHaveLength(1);
    expect(holidays).toHaveLength(10);
  });

  it('refuses a year outside the Gregorian calendar', () => {
    // given
    const year = 1500;

    // when / then
    expect(() => frenchPublicHolidays(year)).toThrow(/1583/);
  });
});

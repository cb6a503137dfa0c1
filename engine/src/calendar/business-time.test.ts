import { describe, expect, it } from 'vitest';
import { type BusinessCalendar, DEFAULT_BUSINESS_CALENDAR } from './business-calendar.ts';
import { addBusinessTime } from './business-time.ts';

const paris = DEFAULT_BUSINESS_CALENDAR;

describe('addBusinessTime in business days', () => {
  it('ends a Friday-evening request on the next business day, skipping Easter Monday', () => {
    // given a request on Friday 3 April 2026 at 19:30 in Paris
    const submittedAt = '2026-04-03T17:30:00Z';

    // when
    const dueAt = addBusinessTime(submittedAt, { days: 1 }, paris);

    // then end of Tuesday 7 April, Paris summer time
    expect(dueAt).toBe('2026-04-07T21:59:59.999Z');
  });

  it('also skips Good Friday in Alsace-Moselle', () => {
    // given a request on Thursday 2 April 2026
    const submittedAt = '2026-04-02T12:00:00Z';

    // when
    const elsewhere = addBusinessTime(submittedAt, { days: 1 }, paris);
    const strasbourg = addBusinessTime(submittedAt, { days: 1 }, { ...paris, alsaceMoselle: true });

    // then
    expect(elsewhere).toBe('2026-04-03T21:59:59.999Z');
    expect(strasbourg).toBe('2026-04-07T21:59:59.999Z');
  });

  it("skips a municipality's closure day (bridge after Ascension)", () => {
    // given Wednesday 13 May 2026; Thursday 14 is Ascension, Friday 15 the town hall closes
    const submittedAt = '2026-05-13T10:00:00Z';
    const calendar: BusinessCalendar = { ...paris, closures: ['2026-05-15'] };

    // when
    const dueAt = addBusinessTime(submittedAt, { days: 1 }, calendar);

    // then Monday 18 May
    expect(dueAt).toBe('2026-05-18T21:59:59.999Z');
  });

  it('ends the day in local time across the spring change to summer time', () => {
    // given Friday 27 March 2026, 10:00 winter time (UTC+1); clocks go forward on Sunday 29
    const submittedAt = '2026-03-27T09:00:00Z';

    // when
    const dueAt = addBusinessTime(submittedAt, { days: 1 }, paris);

    // then end of Monday 30 March, summer time (UTC+2)
    expect(dueAt).toBe('2026-03-30T21:59:59.999Z');
  });

  it('counts the start day from its local date, not its UTC date', () => {
    // given Monday 12 January 2026 at 00:30 in Paris, which is still Sunday in UTC
    const submittedAt = '2026-01-11T23:30:00Z';

    // when
    const dueAt = addBusinessTime(submittedAt, { days: 2 }, paris);

    // then end of Wednesday 14 January
    expect(dueAt).toBe('2026-01-14T22:59:59.999Z');
  });

  it('ends a 15-business-day deadline after the Christmas holidays', () => {
    // given Monday 14 December 2026
    const submittedAt = '2026-12-14T09:00:00Z';

    // when
    const dueAt = addBusinessTime(submittedAt, { days: 15 }, paris);

    // then 25 December and 1 January (both Fridays) are skipped: Wednesday 6 January 2027
    expect(dueAt).toBe('2027-01-06T22:59:59.999Z');
  });
});

describe('addBusinessTime in opening hours', () => {
  it('starts counting at opening time and counts only opening hours', () => {
    // given Monday 1 June 2026 at 07:00 in Paris
    const submittedAt = '2026-06-01T05:00:00Z';

    // when
    const twoHours = addBusinessTime(submittedAt, { hours: 2 }, paris);
    const eightHours = addBusinessTime(submittedAt, { hours: 8 }, paris);
    const tenHours = addBusinessTime(submittedAt, { hours: 10 }, paris);

    // then 11:00; 17:00 the same day (closing time, not next morning); Tuesday 11:00
    expect(twoHours).toBe('2026-06-01T09:00:00.000Z');
    expect(eightHours).toBe('2026-06-01T15:00:00.000Z');
    expect(tenHours).toBe('2026-06-02T09:00:00.000Z');
  });

  it('carries a Friday-evening request over the weekend', () => {
    // given Friday 5 June 2026 at 18:45
    const submittedAt = '2026-06-05T16:45:00Z';

    // when
    const dueAt = addBusinessTime(submittedAt, { hours: 4 }, paris);

    // then Monday 8 June at 13:00
    expect(dueAt).toBe('2026-06-08T11:00:00.000Z');
  });

  it('keeps wall-clock opening hours across the autumn change to winter time', () => {
    // given Friday 23 October 2026 at 16:00 summer time; clocks go back on Sunday 25
    const submittedAt = '2026-10-23T14:00:00Z';

    // when
    const dueAt = addBusinessTime(submittedAt, { hours: 2 }, paris);

    // then Monday 26 October at 10:00 winter time (UTC+1)
    expect(dueAt).toBe('2026-10-26T09:00:00.000Z');
  });

  it('uses the opening hours of the calendar and counts minutes', () => {
    // given a town hall open 08:30–12:00, a request on Tuesday 2 June 2026 at 11:00
    const calendar: BusinessCalendar = { ...paris, openingHours: { start: '08:30', end: '12:00' } };

    // when
    const dueAt = addBusinessTime('2026-06-02T09:00:00Z', { hours: 1.5 }, calendar);

    // then Wednesday 3 June at 09:00
    expect(dueAt).toBe('2026-06-03T07:00:00.000Z');
  });

  it('adds days first, then hours', () => {
    // given Tuesday 2 June 2026 at 10:00
    const submittedAt = '2026-06-02T08:00:00Z';

    // when
    const dueAt = addBusinessTime(submittedAt, { days: 2, hours: 3 }, paris);

    // then end of Thursday 4 June, then three opening hours: Friday 5 June at 12:00
    expect(dueAt).toBe('2026-06-05T10:00:00.000Z');
  });

  it('works in an overseas time zone', () => {
    // given Saint-Denis de La Réunion (UTC+4), Friday 10 July 2026 at 16:00; 14 July is a Tuesday
    const calendar: BusinessCalendar = { ...paris, timeZone: 'Indian/Reunion' };

    // when
    const dueAt = addBusinessTime('2026-07-10T12:00:00Z', { days: 2 }, calendar);

    // then end of Wednesday 15 July, local time
    expect(dueAt).toBe('2026-07-15T19:59:59.999Z');
  });
});

describe('addBusinessTime refuses bad input', () => {
  it.each([
    ['a start without a time zone', '2026-06-02T10:00:00', { days: 1 }, paris, /ISO 8601 instant/],
    ['a negative amount', '2026-06-02T10:00:00Z', { hours: -1 }, paris, /not below zero/],
    [
      'a mistyped closure',
      '2026-06-02T10:00:00Z',
      { days: 1 },
      { ...paris, closures: ['2026-02-30'] },
      /calendar date/,
    ],
    [
      'an unknown time zone',
      '2026-06-02T10:00:00Z',
      { days: 1 },
      { ...paris, timeZone: 'Europe/Lutece' },
      /time zone/i,
    ],
  ] as const)('such as %s', (_, start, amount, calendar, message) => {
    // given bad input; when / then
    expect(() => addBusinessTime(start, amount, calendar as BusinessCalendar)).toThrow(message);
  });
});

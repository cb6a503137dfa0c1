import { describe, expect, it } from 'vitest';
import { implicitDecisionDate } from './implicit-decision.ts';

describe('implicitDecisionDate', () => {
  it.each([
    ['two months by default', '2026-03-15T10:00:00Z', 2, '2026-05-15'],
    ['across a year end', '2026-11-30T10:00:00Z', 2, '2027-01-30'],
    ['clamped to the end of February', '2025-12-31T10:00:00Z', 2, '2026-02-28'],
    ['clamped to 29 February in a leap year', '2027-12-31T10:00:00Z', 2, '2028-02-29'],
    ['for a four-month regime', '2026-01-31T10:00:00Z', 4, '2026-05-31'],
  ])('counts calendar months: %s', (_, receivedAt, months, expected) => {
    // given a request received; when
    const date = implicitDecisionDate(receivedAt, { months }, 'Europe/Paris');

    // then
    expect(date).toBe(expected);
  });

  it('takes the day of receipt in local time', () => {
    // given received on 1 February 2026 at 00:30 in Paris (still 31 January in UTC)
    const receivedAt = '2026-01-31T23:30:00Z';

    // when
    const date = implicitDecisionDate(receivedAt, { months: 2 }, 'Europe/Paris');

    // then
    expect(date).toBe('2026-04-01');
  });

  it('defaults to two months in Paris', () => {
    // given; when
    const date = implicitDecisionDate('2026-07-14T08:00:00Z');

    // then
    expect(date).toBe('2026-09-14');
  });
});

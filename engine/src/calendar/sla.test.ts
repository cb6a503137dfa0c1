import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_CALENDAR } from './business-calendar.ts';
import { extendDeadline, slaReminderAt, slaState } from './sla.ts';

const paris = DEFAULT_BUSINESS_CALENDAR;
const submittedAt = '2026-04-01T08:00:00Z';
const dueAt = '2026-04-11T08:00:00Z';

describe('slaState', () => {
  it.each([
    ['half-way', '2026-04-06T08:00:00Z', 'onTime'],
    ['at three quarters exactly', '2026-04-08T20:00:00Z', 'atRisk'],
    ['past three quarters', '2026-04-09T08:00:00Z', 'atRisk'],
    ['at the deadline', '2026-04-11T08:00:00Z', 'atRisk'],
    ['one second late', '2026-04-11T08:00:01Z', 'breached'],
  ])('is right %s', (_, now, expected) => {
    // given a request allowed ten days; when
    const state = slaState({ submittedAt, dueAt, now });

    // then
    expect(state).toBe(expected);
  });

  it('uses the ratio the procedure sets', () => {
    // given
    const now = '2026-04-06T08:00:00Z';

    // when
    const state = slaState({ submittedAt, dueAt, now, atRiskRatio: 0.5 });

    // then
    expect(state).toBe('atRisk');
  });
});

describe('slaReminderAt', () => {
  it('is when the given share of the allowed time has passed', () => {
    // given; when
    const remindAt = slaReminderAt(submittedAt, dueAt, 0.75);

    // then
    expect(remindAt).toBe('2026-04-08T20:00:00.000Z');
  });

  it('refuses a deadline before the submission and a ratio above 1', () => {
    // given; when / then
    expect(() => slaReminderAt(dueAt, submittedAt, 0.5)).toThrow(/before the submission/);
    expect(() => slaReminderAt(submittedAt, dueAt, 1.5)).toThrow(/between 0 and 1/);
  });
});

describe('extendDeadline', () => {
  it('moves an end-of-day deadline by the business days spent waiting for the citizen', () => {
    // given due at the end of Tuesday 7 April 2026; paused from Wednesday 1 April 09:00 to Thursday 2 April 09:00
    const due = '2026-04-07T21:59:59.999Z';

    // when
    const extended = extendDeadline(due, '2026-04-01T07:00:00Z', '2026-04-02T07:00:00Z', paris);

    // then end of Wednesday 8 April
    expect(extended).toBe('2026-04-08T21:59:59.999Z');
  });

  it('does not move the deadline for a pause over a weekend', () => {
    // given paused from Friday 5 June 2026 at 17:30 to Monday 8 June at 08:00
    const due = '2026-06-10T21:59:59.999Z';

    // when
    const extended = extendDeadline(due, '2026-06-05T15:30:00Z', '2026-06-08T06:00:00Z', paris);

    // then
    expect(extended).toBe('2026-06-10T21:59:59.999Z');
  });

  it('moves an hour-based deadline by the opening hours paused, over a holiday', () => {
    // given due Wednesday 15 July 2026 at 11:00; paused Monday 13 July 16:00 → Wednesday 15 July 10:00 (14 July is off)
    const due = '2026-07-15T09:00:00Z';

    // when
    const extended = extendDeadline(due, '2026-07-13T14:00:00Z', '2026-07-15T08:00:00Z', paris);

    // then two opening hours later: 13:00
    expect(extended).toBe('2026-07-15T11:00:00.000Z');
  });
});

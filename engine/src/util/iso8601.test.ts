import { describe, expect, it } from 'vitest';
import { addDuration, parseCycle, parseDateTime, parseDuration, toIsoUtc } from './iso8601.ts';

describe('ISO 8601 timers', () => {
  it('adds durations of days, months and time to a date', () => {
    // given
    const start = '2026-01-31T10:00:00Z';
    // when / then
    expect(addDuration(start, parseDuration('PT1H30M')!)).toBe('2026-01-31T11:30:00.000Z');
    expect(addDuration(start, parseDuration('P2W')!)).toBe('2026-02-14T10:00:00.000Z');
    expect(addDuration('2026-01-15T00:00:00Z', parseDuration('P1M')!)).toBe('2026-02-15T00:00:00.000Z');
  });

  it('refuses what is not ISO 8601', () => {
    // given / when / then
    expect(parseDuration('1 hour')).toBeUndefined();
    expect(parseDuration('P')).toBeUndefined();
    expect(parseDuration('PT')).toBeUndefined();
    expect(parseDateTime('tomorrow')).toBeUndefined();
    expect(parseCycle('every day')).toBeUndefined();
  });

  it('reads cycles and takes zone-less dates as UTC', () => {
    // given / when / then
    expect(parseCycle('R3/PT10M')).toMatchObject({ repetitions: 3, interval: { millis: 600_000 } });
    expect(parseCycle('R/P1D')).toMatchObject({ repetitions: -1 });
    expect(parseCycle('R2/2026-03-01T08:00:00Z/PT1H')?.start).toBe('2026-03-01T08:00:00Z');
    expect(toIsoUtc('2026-03-01T08:00')).toBe('2026-03-01T08:00:00.000Z');
    expect(toIsoUtc('2026-03-01T08:00:00+02:00')).toBe('2026-03-01T06:00:00.000Z');
  });
});

import { describe, expect, it } from 'vitest';
import { formatInstant, fromLocal, toLocal } from './zoned-time.ts';

const HOUR = 3_600_000;

describe('zoned time in Europe/Paris', () => {
  it('reads local wall-clock time on both sides of the spring change', () => {
    // given 29 March 2026, 00:59:59 UTC and 01:00 UTC (clocks jump from 02:00 to 03:00 local)
    const before = Date.parse('2026-03-29T00:59:59Z');
    const after = Date.parse('2026-03-29T01:00:00Z');

    // when
    const [beforeLocal, afterLocal] = [toLocal(before, 'Europe/Paris'), toLocal(after, 'Europe/Paris')];

    // then
    expect(beforeLocal.time).toBe(HOUR + 59 * 60_000 + 59_000);
    expect(afterLocal.time).toBe(3 * HOUR);
  });

  it('places a time in the spring gap after the jump and takes the first of two autumn times', () => {
    // given 02:30 local, which does not exist on 29 March 2026 and happens twice on 25 October 2026
    const gap = { date: { year: 2026, month: 3, day: 29 }, time: 2.5 * HOUR };
    const overlap = { date: { year: 2026, month: 10, day: 25 }, time: 2.5 * HOUR };

    // when
    const [inGap, inOverlap] = [fromLocal(gap, 'Europe/Paris'), fromLocal(overlap, 'Europe/Paris')];

    // then
    expect(formatInstant(inGap)).toBe('2026-03-29T01:30:00.000Z');
    expect(formatInstant(inOverlap)).toBe('2026-10-25T00:30:00.000Z');
  });
});

import { describe, expect, it } from 'vitest';
import { tokenBuckets } from './client-rate-limit.ts';

describe('tokenBuckets: a burst, then a steady rate, per client', () => {
  it('refuses past the burst, says when to come back, and lets the client in again then', () => {
    let now = 0;
    const buckets = tokenBuckets({ burst: 3, perSecond: 0.5 }, () => now);
    expect([1, 2, 3].map(() => buckets.take('a').ok)).toEqual([true, true, true]);
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 2 });
    // another client has its own bucket
    expect(buckets.take('b').ok).toBe(true);
    // after the time it was told, the client may send one more, not a new burst
    now += 2000;
    expect(buckets.take('a').ok).toBe(true);
    expect(buckets.take('a').ok).toBe(false);
    // quiet long enough, the bucket is full again, never fuller
    now += 60_000;
    expect([1, 2, 3, 4].map(() => buckets.take('a').ok)).toEqual([true, true, true, false]);
  });
});

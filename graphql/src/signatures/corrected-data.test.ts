import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from './chain.ts';
import { correctionsSince } from './corrected-data.ts';

const event = (position: number, kind: string, payload: Record<string, unknown> = {}): TimelineEvent => ({
  position,
  kind,
  payload,
  occurred_at: new Date('2026-03-02T09:00:00Z'),
  prev_hash: '',
  hash: '',
  erased: false,
});

describe('data corrected after a signature', () => {
  const timeline = [
    event(1, 'submitted'),
    event(2, 'signed'),
    event(3, 'dataCorrected', { dataHashBefore: 'A', dataHashAfter: 'B' }),
    event(4, 'dataCorrected', { dataHashBefore: 'B', dataHashAfter: 'C' }),
  ];

  it('accounts for the change when the recorded corrections lead from the signed data to today’s', () => {
    expect(correctionsSince(timeline, 2, 'A', 'C')).toEqual([3, 4]);
  });

  it('does not when the data changed otherwise: a gap between corrections, or data changed after them', () => {
    expect(correctionsSince(timeline, 2, 'A', 'D')).toBeUndefined();
    expect(correctionsSince([timeline[0]!, timeline[1]!, timeline[3]!], 2, 'A', 'C')).toBeUndefined();
    expect(correctionsSince(timeline, 4, 'C', 'D')).toBeUndefined();
  });
});

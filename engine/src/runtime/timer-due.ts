// Sandbox-safe: when a timer is first due, from its ISO 8601 value and the current time.

import type { TimerIR } from '../compiler/ir.ts';
import { addDuration, parseCycle, parseDuration, toIsoUtc } from '../util/iso8601.ts';

export type Due = { fireAt: string /** repeating timers */; every?: string; repetitions?: number } | { error: string };

/** First due time of a timer date, duration or cycle (already resolved from FEEL), counted from `now`. */
export function firstDue(kind: keyof TimerIR, value: string, now: string): Due {
  if (kind === 'date') {
    const fireAt = toIsoUtc(value);
    return fireAt ? { fireAt } : { error: `"${value}" is not an ISO 8601 date` };
  }
  if (kind === 'duration') {
    const duration = parseDuration(value);
    return duration ? { fireAt: addDuration(now, duration) } : { error: `"${value}" is not an ISO 8601 duration` };
  }
  const cycle = parseCycle(value);
  if (!cycle) return { error: `"${value}" is not an ISO 8601 repeating interval` };
  const start = cycle.start ? toIsoUtc(cycle.start) : undefined;
  const fireAt = start && start > now ? start : addDuration(now, cycle.interval);
  return { fireAt, every: value.slice(value.lastIndexOf('/') + 1), repetitions: cycle.repetitions };
}

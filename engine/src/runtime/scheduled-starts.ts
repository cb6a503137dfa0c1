// Sandbox-safe: when the timer start events of a procedure (scheduled procedures) are due, for the
// host that starts instances with `start(ir, { startEventId, time })`.

import { compiled, type TimerIR } from '../compiler/ir.ts';
import { evaluateFeel, isExpression } from '../expressions/feel.ts';
import { firstDue } from './timer-due.ts';
import type { ProcessIR } from './types.ts';

export interface ScheduledStart {
  startEventId: string;
  /** first time the start is due, ISO 8601 UTC */
  fireAt: string;
  /** repeating timers: the ISO 8601 interval and how many starts in all (-1 unbounded) */
  every?: string;
  repetitions?: number;
}

/** The timer start events of a procedure and when each is first due after `now`. */
export function scheduledStarts(ir: ProcessIR, now: string): ScheduledStart[] {
  const starts: ScheduledStart[] = [];
  for (const start of compiled(ir).startEvents) {
    if (start.trigger?.kind !== 'timer') continue;
    const [kind, text] = Object.entries(start.trigger.timer)[0] as [keyof TimerIR, string];
    const resolved = isExpression(text) ? evaluateFeel(text, {}, now) : { ok: true as const, value: text };
    if (!resolved.ok) continue;
    const due = firstDue(kind, String(resolved.value), now);
    if (!('error' in due)) starts.push({ startEventId: start.id, ...due });
  }
  return starts;
}

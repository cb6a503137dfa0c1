// Sandbox-safe: one SLA clock (the request's, or a task's), paused while the citizen is asked.
import { type BusinessCalendar, extendDeadline, slaReminderAt, slaState } from '../calendar/index.ts';

export type SlaStage = 'onTime' | 'atRisk' | 'breached';

/** A clock's state; JSON, so it crosses continue-as-new. */
export interface SlaClock {
  key: string;
  startedAt: string;
  dueAt: string;
  atRiskRatio: number;
  stage: SlaStage;
  pausedFrom?: string;
}

/** When the clock next needs attention, or undefined when it is paused or already breached. */
export function nextAlarm(clock: SlaClock): { stage: 'atRisk' | 'breached'; at: string } | undefined {
  if (clock.pausedFrom || clock.stage === 'breached') return undefined;
  if (clock.stage === 'onTime')
    return { stage: 'atRisk', at: slaReminderAt(clock.startedAt, clock.dueAt, clock.atRiskRatio) };
  return { stage: 'breached', at: clock.dueAt };
}

export function pause(clock: SlaClock, at: string): SlaClock {
  return clock.pausedFrom ? clock : { ...clock, pausedFrom: at };
}

/** Resumes a paused clock: the deadline moves by the business time spent waiting. */
export function resume(clock: SlaClock, at: string, calendar: BusinessCalendar): SlaClock {
  if (!clock.pausedFrom) return clock;
  const { pausedFrom: _, ...running } = clock;
  const dueAt = extendDeadline(clock.dueAt, clock.pausedFrom, at, calendar);
  return {
    ...running,
    dueAt,
    stage: slaState({ submittedAt: clock.startedAt, dueAt, now: at, atRiskRatio: clock.atRiskRatio }),
  };
}

// Sandbox-safe: where a request stands against its deadline, when to remind, and pausing the clock
// while the request waits for the citizen's answer.
import { type BusinessCalendar, checkCalendar, openingWindow } from './business-calendar.ts';
import { addOpeningTime, END_OF_DAY, openingTimeBetween } from './business-time.ts';
import { formatInstant, fromLocal, parseInstant, toLocal } from './zoned-time.ts';

export type SlaState = 'onTime' | 'atRisk' | 'breached';

export interface SlaInput {
  submittedAt: string;
  dueAt: string;
  now: string;
  /** share of the time allowed after which the request is at risk; 0.75 by default */
  atRiskRatio?: number;
}

/** Measured on elapsed time: past `dueAt` it is breached, past the ratio of the allowed time at risk. */
export function slaState({ submittedAt, dueAt, now, atRiskRatio = 0.75 }: SlaInput): SlaState {
  const current = parseInstant(now);
  const due = parseInstant(dueAt);
  if (current > due) return 'breached';
  return current >= parseInstant(slaReminderAt(submittedAt, dueAt, atRiskRatio)) ? 'atRisk' : 'onTime';
}

/** The instant a share `ratio` of the allowed time has elapsed: when to remind the agent. */
export function slaReminderAt(submittedAt: string, dueAt: string, ratio: number): string {
  if (!(ratio >= 0 && ratio <= 1)) throw new RangeError(`The SLA ratio must be between 0 and 1, not ${ratio}.`);
  const submitted = parseInstant(submittedAt);
  const due = parseInstant(dueAt);
  if (due < submitted) throw new RangeError(`The deadline ${dueAt} is before the submission ${submittedAt}.`);
  return formatInstant(submitted + Math.round((due - submitted) * ratio));
}

/**
 * The deadline pushed by the opening time that passed between `pausedFrom` and `resumedAt`.
 * A day-based deadline (after closing time) that lands on a closing time stays an end-of-day deadline:
 * a pause of one full business day moves "end of Monday" to "end of Tuesday".
 */
export function extendDeadline(
  dueAt: string,
  pausedFrom: string,
  resumedAt: string,
  calendar: BusinessCalendar,
): string {
  checkCalendar(calendar);
  const due = parseInstant(dueAt);
  const paused = openingTimeBetween(parseInstant(pausedFrom), parseInstant(resumedAt), calendar);
  if (paused === 0) return formatInstant(due);
  const { close } = openingWindow(calendar);
  const extended = addOpeningTime(due, paused, calendar);
  const landed = toLocal(extended, calendar.timeZone);
  const wasEndOfDay = toLocal(due, calendar.timeZone).time >= close;
  return formatInstant(
    wasEndOfDay && landed.time === close
      ? fromLocal({ date: landed.date, time: END_OF_DAY }, calendar.timeZone)
      : extended,
  );
}

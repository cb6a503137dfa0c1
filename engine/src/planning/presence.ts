// Sandbox-safe: an agent's presence, half-day by half-day — their working patterns (days and
// half-days, weeks alternating, from a start to an end date) minus their absences, the town's
// closures and public holidays. Appointments and task assignment read it; managers see it by week.

import type { BusinessCalendar } from '../calendar/business-calendar.ts';
import { closedDay } from '../calendar/business-calendar.ts';
import {
  addDays,
  type CivilDate,
  dayNumber,
  formatCivilDate,
  isoWeekday,
  parseCivilDate,
} from '../calendar/civil-date.ts';
import { fromLocal, parseInstant, toLocal } from '../calendar/zoned-time.ts';

/** Morning or afternoon: the afternoon starts at 13:00 local time (AFTERNOON_MS). */
export type HalfDay = 'AM' | 'PM';
export const HALF_DAYS: readonly HalfDay[] = ['AM', 'PM'];
/** The afternoon starts at 13:00 local time, as the database's assignment reads it too (migration 245). */
const AFTERNOON_MS = 13 * 3_600_000;

export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
/** A half-day of the week as patterns write it: `MON_AM` … `SUN_PM`. */
export type WeekHalfDay = `${(typeof WEEKDAYS)[number]}_${HalfDay}`;
const WEEK_HALF_DAYS: readonly WeekHalfDay[] = WEEKDAYS.flatMap((d) => HALF_DAYS.map((h) => `${d}_${h}` as const));

/**
 * How an agent works from `startsOn` to `endsOn` (both included; open-ended when null): the
 * half-days of week A, and of week B when weeks alternate (week A is the week `startsOn` falls in).
 */
export interface WorkingPattern {
  startsOn: string;
  endsOn: string | null;
  weekA: readonly string[];
  weekB: readonly string[] | null;
}

/** An absence, from one instant to another (ISO, end excluded). */
export interface PlanningAbsence {
  startsAt: string;
  endsAt: string;
}

/** An agent's half-day: present, or why not. */
export type Presence = 'PRESENT' | 'NOT_WORKING' | 'ABSENT' | 'CLOSURE' | 'HOLIDAY';

/** An agent with no pattern works every weekday, morning and afternoon. */
const FULL_TIME: WorkingPattern = {
  startsOn: '1970-01-05',
  endsOn: null,
  weekA: WEEK_HALF_DAYS.filter((h) => !h.startsWith('SAT') && !h.startsWith('SUN')),
  weekB: null,
};

/** The pattern in force on a local day, or null (none covers it). */
function patternOn(date: string, patterns: readonly WorkingPattern[]): WorkingPattern | null {
  return patterns.find((p) => p.startsOn <= date && (p.endsOn === null || date <= p.endsOn)) ?? null;
}

/** Monday of the ISO week a date falls in, as a day number. */
const mondayOf = (date: CivilDate) => dayNumber(date) - (isoWeekday(date) - 1);

/** Whether the pattern has the agent work this half-day of this local day (ignoring the calendar). */
function worksOn(date: string, half: HalfDay, pattern: WorkingPattern): boolean {
  const day = parseCivilDate(date);
  const weeks = (mondayOf(day) - mondayOf(parseCivilDate(pattern.startsOn))) / 7;
  const week = pattern.weekB && weeks % 2 !== 0 ? pattern.weekB : pattern.weekA;
  return week.includes(`${WEEKDAYS[isoWeekday(day) - 1]}_${half}`);
}

/** The instants a half-day of a local day spans (end excluded): 00:00–13:00 and 13:00–24:00. */
export function halfDaySpan(date: string, half: HalfDay, timeZone: string): { from: number; to: number } {
  const day = parseCivilDate(date);
  const at = (d: CivilDate, time: number) => fromLocal({ date: d, time }, timeZone);
  return half === 'AM'
    ? { from: at(day, 0), to: at(day, AFTERNOON_MS) }
    : { from: at(day, AFTERNOON_MS), to: at(addDays(day, 1), 0) };
}

const overlaps = (absence: PlanningAbsence, from: number, to: number) =>
  parseInstant(absence.startsAt) < to && parseInstant(absence.endsAt) > from;

/**
 * An agent's presence on a half-day: the town's closure or a public holiday first, then their
 * pattern (FULL_TIME when they have none at all; NOT_WORKING on a day no pattern of theirs covers),
 * then an absence overlapping it, even in part.
 */
export function halfDayPresence(
  date: string,
  half: HalfDay,
  patterns: readonly WorkingPattern[],
  absences: readonly PlanningAbsence[],
  calendar: BusinessCalendar,
): Presence {
  const closed = closedDay(date, calendar);
  if (closed) return closed;
  const pattern = patterns.length === 0 ? FULL_TIME : patternOn(date, patterns);
  if (!pattern || !worksOn(date, half, pattern)) return 'NOT_WORKING';
  const { from, to } = halfDaySpan(date, half, calendar.timeZone);
  return absences.some((a) => overlaps(a, from, to)) ? 'ABSENT' : 'PRESENT';
}

/**
 * Whether an agent is there the whole time from `from` to `to` (ISO instants, end excluded): every
 * half-day it touches is a working one on an open day, and no absence overlaps it.
 */
export function presentDuring(
  from: string,
  to: string,
  patterns: readonly WorkingPattern[],
  absences: readonly PlanningAbsence[],
  calendar: BusinessCalendar,
): boolean {
  const start = parseInstant(from);
  const end = parseInstant(to);
  if (end <= start) throw new RangeError(`"${to}" must come after "${from}".`);
  if (absences.some((a) => overlaps(a, start, end))) return false;
  for (const { date, half } of halfDaysTouched(start, end, calendar.timeZone)) {
    const presence = halfDayPresence(date, half, patterns, [], calendar);
    if (presence !== 'PRESENT') return false;
  }
  return true;
}

/** The local half-days an interval touches, in order. */
function halfDaysTouched(start: number, end: number, timeZone: string): { date: string; half: HalfDay }[] {
  const touched: { date: string; half: HalfDay }[] = [];
  let local = toLocal(start, timeZone);
  for (let guard = 0; guard < 64; guard++) {
    const date = formatCivilDate(local.date);
    const half: HalfDay = local.time < AFTERNOON_MS ? 'AM' : 'PM';
    touched.push({ date, half });
    const next = halfDaySpan(date, half, timeZone).to;
    if (next >= end) return touched;
    local = toLocal(next, timeZone);
  }
  throw new RangeError('An interval of presence spans 32 days at most.');
}

/** The seven local days of the ISO week a day falls in, Monday first. */
export function weekOf(date: string): string[] {
  const day = parseCivilDate(date);
  const monday = addDays(day, 1 - isoWeekday(day));
  return Array.from({ length: 7 }, (_, i) => formatCivilDate(addDays(monday, i)));
}

/** What is wrong with a pattern among an agent's others, in words (FR / EN), with the field at fault. */
export interface PatternProblem {
  field: 'startsOn' | 'endsOn' | 'weekA' | 'weekB';
  message: string;
}

/** Checks a pattern against the agent's other patterns: dates, half-days, no overlap. */
export function patternProblems(pattern: WorkingPattern, others: readonly WorkingPattern[]): PatternProblem[] {
  const problems: PatternProblem[] = [];
  for (const field of ['startsOn', 'endsOn'] as const) {
    const value = pattern[field];
    if (value === null) continue;
    try {
      parseCivilDate(value);
    } catch {
      problems.push({ field, message: `Date illisible : « ${value} » (AAAA-MM-JJ). / Not a date (YYYY-MM-DD).` });
    }
  }
  if (problems.length) return problems;
  if (pattern.endsOn !== null && pattern.endsOn < pattern.startsOn)
    problems.push({
      field: 'endsOn',
      message: `La fin (${pattern.endsOn}) précède le début (${pattern.startsOn}). / The end comes before the start.`,
    });
  for (const field of ['weekA', 'weekB'] as const) {
    const unknown = (pattern[field] ?? []).filter((h) => !(WEEK_HALF_DAYS as readonly string[]).includes(h));
    if (unknown.length)
      problems.push({
        field,
        message: `Demi-journées inconnues : ${unknown.join(', ')} (ex. MON_AM, WED_PM). / Unknown half-days.`,
      });
  }
  const clash = others.find(
    (o) => o.startsOn <= (pattern.endsOn ?? '9999-12-31') && pattern.startsOn <= (o.endsOn ?? '9999-12-31'),
  );
  if (clash)
    problems.push({
      field: 'startsOn',
      message: `Chevauche le rythme du ${clash.startsOn} au ${clash.endsOn ?? '…'}. / Overlaps the pattern from ${clash.startsOn}.`,
    });
  return problems;
}

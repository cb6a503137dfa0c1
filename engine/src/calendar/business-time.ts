// Sandbox-safe: deadlines counted in business days or opening hours.
import { type BusinessCalendar, checkCalendar, isBusinessDay, openingWindow } from './business-calendar.ts';
import { addDays, type CivilDate } from './civil-date.ts';
import { formatInstant, fromLocal, parseInstant, toLocal } from './zoned-time.ts';

export interface BusinessAmount {
  days?: number;
  hours?: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** A day-based deadline ends at the last millisecond of its local day. */
export const END_OF_DAY = DAY_MS - 1;

/**
 * The deadline (UTC ISO instant) `amount` of business time after `startIso`. Days first: the end of
 * the Nth business day after the start day; then hours: opening hours of business days only.
 */
export function addBusinessTime(startIso: string, amount: BusinessAmount, calendar: BusinessCalendar): string {
  checkCalendar(calendar);
  const days = amount.days ?? 0;
  const hours = amount.hours ?? 0;
  if (!Number.isInteger(days) || days < 0 || !Number.isFinite(hours) || hours < 0) {
    throw new RangeError(`Business time must be a whole number of days and a number of hours, not below zero.`);
  }
  let instant = parseInstant(startIso);
  if (amount.days !== undefined) {
    const end = {
      date: nthBusinessDayAfter(toLocal(instant, calendar.timeZone).date, days, calendar),
      time: END_OF_DAY,
    };
    instant = fromLocal(end, calendar.timeZone);
  }
  if (amount.hours !== undefined) instant = addOpeningTime(instant, Math.round(hours * HOUR_MS), calendar);
  return formatInstant(instant);
}

function nthBusinessDayAfter(start: CivilDate, count: number, calendar: BusinessCalendar): CivilDate {
  let date = start;
  for (let found = 0; found < count; ) {
    date = addDays(date, 1);
    if (isBusinessDay(date, calendar)) found += 1;
  }
  return date;
}

/** Adds opening time; a deadline that falls exactly at closing time stays on that day. */
export function addOpeningTime(from: number, duration: number, calendar: BusinessCalendar): number {
  const { open, close } = openingWindow(calendar);
  const local = toLocal(from, calendar.timeZone);
  let date = local.date;
  let time = Math.max(local.time, open);
  let remaining = duration;
  for (;;) {
    if (isBusinessDay(date, calendar) && time < close) {
      if (remaining <= close - time) return fromLocal({ date, time: time + remaining }, calendar.timeZone);
      remaining -= close - time;
    }
    date = addDays(date, 1);
    time = open;
  }
}

/** Opening time of business days between two instants (zero if `to` is not after `from`). */
export function openingTimeBetween(from: number, to: number, calendar: BusinessCalendar): number {
  const { open, close } = openingWindow(calendar);
  const start = toLocal(from, calendar.timeZone);
  const end = toLocal(to, calendar.timeZone);
  let total = 0;
  for (let date = start.date; compare(date, end.date) <= 0; date = addDays(date, 1)) {
    if (!isBusinessDay(date, calendar)) continue;
    const dayStart = compare(date, start.date) === 0 ? Math.max(open, start.time) : open;
    const dayEnd = compare(date, end.date) === 0 ? Math.min(close, end.time) : close;
    total += Math.max(0, dayEnd - dayStart);
  }
  return total;
}

function compare(a: CivilDate, b: CivilDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

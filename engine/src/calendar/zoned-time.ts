// Sandbox-safe: converting between instants and local wall-clock time in an IANA time zone with
// Intl only (no Temporal API in the workflow sandbox), correct across daylight-saving changes.
import { type CivilDate, dayNumber, fromDayNumber } from './civil-date.ts';

export interface LocalTime {
  date: CivilDate;
  /** milliseconds since local midnight */
  time: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** Offset of local time from UTC at an instant, in milliseconds (Paris: +1 h in winter, +2 h in summer). */
function offsetAt(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const { type, value } of formatter(timeZone).formatToParts(instant)) parts[type] = Number(value);
  const wallClock = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wallClock - (instant - (((instant % 1000) + 1000) % 1000));
}

export function toLocal(instant: number, timeZone: string): LocalTime {
  const wallClock = instant + offsetAt(instant, timeZone);
  const days = Math.floor(wallClock / DAY_MS);
  return { date: fromDayNumber(days), time: wallClock - days * DAY_MS };
}

/**
 * The instant a local wall-clock time happens. In the spring-forward gap the clock jumps over the
 * time: the instant returned is the same elapsed time after the jump. In the autumn overlap the
 * first (summer-time) occurrence is taken.
 */
export function fromLocal({ date, time }: LocalTime, timeZone: string): number {
  const wallClock = dayNumber(date) * DAY_MS + time;
  const before = offsetAt(wallClock - DAY_MS / 2, timeZone);
  const after = offsetAt(wallClock + DAY_MS / 2, timeZone);
  const candidates = [wallClock - before, wallClock - after];
  const exact = candidates.filter((instant) => instant + offsetAt(instant, timeZone) === wallClock);
  return exact.length ? Math.min(...exact) : wallClock - before;
}

export function parseInstant(iso: string): number {
  const instant = Date.parse(iso);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) || !/(Z|[+-]\d{2}:?\d{2})$/.test(iso) || Number.isNaN(instant)) {
    throw new RangeError(`"${iso}" is not an ISO 8601 instant with a time zone, e.g. 2026-04-03T18:30:00Z.`);
  }
  return instant;
}

export function formatInstant(instant: number): string {
  return new Date(instant).toISOString();
}

/** `HH:MM` → milliseconds since midnight. */
export function parseClockTime(text: string): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
  if (!match || (match[1] === '24' && match[2] !== '00')) {
    throw new RangeError(`"${text}" is not a time of day; expected HH:MM, e.g. 09:00.`);
  }
  return (Number(match[1]) * 60 + Number(match[2])) * MINUTE_MS;
}

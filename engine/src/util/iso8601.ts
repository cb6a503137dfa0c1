// Sandbox-safe: ISO 8601 durations, dates and repeating intervals for BPMN timers.
// Dates are read and written in UTC; a date-time without an offset is taken as UTC so a timer
// fires at the same instant on every host.

export interface Duration {
  years: number;
  months: number;
  days: number;
  /** hours, minutes and seconds folded into milliseconds */
  millis: number;
}

export interface Cycle {
  /** remaining repetitions, -1 for unbounded */
  repetitions: number;
  start?: string;
  interval: Duration;
}

const DURATION =
  /^P(?!$)(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?=\d)(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function num(text: string | undefined): number {
  return text === undefined ? 0 : Number(text.replace(',', '.'));
}

/** Parses `P1Y2M3DT4H5M6S` / `P2W`; undefined when not ISO 8601. */
export function parseDuration(text: string): Duration | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, w, d, h, mi, s] = match;
  return {
    years: num(y),
    months: num(mo),
    days: num(w) * 7 + num(d),
    millis: Math.round(((num(h) * 60 + num(mi)) * 60 + num(s)) * 1000),
  };
}

/** Milliseconds since the epoch of an ISO date or date-time; undefined when not ISO 8601. */
export function parseDateTime(text: string): number | undefined {
  const trimmed = text.trim();
  const match = DATE_TIME.exec(trimmed);
  if (!match) return undefined;
  const hasTime = trimmed.includes('T');
  const withZone = !hasTime ? `${trimmed}T00:00:00Z` : match[1] ? trimmed : `${trimmed}Z`;
  const millis = new Date(withZone).getTime();
  return Number.isNaN(millis) ? undefined : millis;
}

/** Parses `R5/PT10M`, `R/P1D`, `R3/2026-01-01T08:00:00Z/PT1H`; undefined when not ISO 8601. */
export function parseCycle(text: string): Cycle | undefined {
  const parts = text.trim().split('/');
  const repeat = /^R(\d*)$/.exec(parts[0] ?? '');
  if (!repeat || parts.length < 2 || parts.length > 3) return undefined;
  const interval = parseDuration(parts[parts.length - 1]!);
  if (!interval) return undefined;
  const start = parts.length === 3 ? parts[1] : undefined;
  if (start !== undefined && parseDateTime(start) === undefined) return undefined;
  return { repetitions: repeat[1] ? Number(repeat[1]) : -1, start, interval };
}

/** A timer cycle's interval must last at least a second, or the timer would fire without end. */
export function lastsASecond(duration: Duration): boolean {
  return duration.years > 0 || duration.months > 0 || duration.days > 0 || duration.millis >= 1000;
}

/** `time` plus `duration`, as an ISO date-time in UTC. */
export function addDuration(time: string, duration: Duration): string {
  const date = new Date(parseDateTime(time) ?? 0);
  if (duration.years || duration.months) {
    date.setUTCMonth(date.getUTCMonth() + duration.years * 12 + duration.months);
  }
  date.setUTCDate(date.getUTCDate() + duration.days);
  return new Date(date.getTime() + duration.millis).toISOString();
}

/** Normalises an ISO date or date-time to a UTC ISO string. */
export function toIsoUtc(text: string): string | undefined {
  const millis = parseDateTime(text);
  return millis === undefined ? undefined : new Date(millis).toISOString();
}

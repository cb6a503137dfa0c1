// Sandbox-safe: the slots a resource offers on a day, from its weekly opening hours and the town's
// calendar (closures and public holidays close every resource; the weekday is the hours' business).
import { type BusinessCalendar, type ClosedDay, closedDay, closedOn } from '../calendar/business-calendar.ts';
import { formatCivilDate, isoWeekday, parseCivilDate } from '../calendar/civil-date.ts';
import { formatInstant, fromLocal, parseClockTime, parseInstant, toLocal } from '../calendar/zoned-time.ts';

/** One opening of a resource in the week: ISO weekday (1 Monday … 7 Sunday), `HH:MM` to `HH:MM`, local time. */
export interface WeeklyOpening {
  weekday: number;
  opens: string;
  closes: string;
}

/** A slot: its start and end as ISO instants (UTC). */
export interface Slot {
  startsAt: string;
  endsAt: string;
}

/**
 * The slots of `minutes` a resource offers on a local day: each opening cut from its start, a last
 * piece shorter than a slot left out; none on a closed day.
 */
export function daySlots(date: string, openings: WeeklyOpening[], minutes: number, calendar: BusinessCalendar): Slot[] {
  if (!Number.isInteger(minutes) || minutes < 5)
    throw new RangeError(`A slot lasts 5 minutes at least, not ${minutes}.`);
  const day = parseCivilDate(date);
  if (closedOn(day, calendar)) return [];
  const length = minutes * 60_000;
  const slots: Slot[] = [];
  for (const opening of openings
    .filter((o) => o.weekday === isoWeekday(day))
    .sort((a, b) => (a.opens < b.opens ? -1 : 1))) {
    const closes = parseClockTime(opening.closes);
    for (let time = parseClockTime(opening.opens); time + length <= closes; time += length) {
      const start = fromLocal({ date: day, time }, calendar.timeZone);
      slots.push({ startsAt: formatInstant(start), endsAt: formatInstant(start + length) });
    }
  }
  return slots;
}

/** The local day (`YYYY-MM-DD`) an instant falls on in the town's time zone. */
function localDayOf(instant: string, timeZone: string): string {
  return formatCivilDate(toLocal(parseInstant(instant), timeZone).date);
}

/**
 * The slot starting at `startsAt`, or why there is none: the day is closed, or the resource offers
 * no slot of this length starting then (outside its hours, or off its grid).
 */
export function slotAt(
  startsAt: string,
  openings: WeeklyOpening[],
  minutes: number,
  calendar: BusinessCalendar,
): { slot: Slot } | { closed: ClosedDay } | { notASlot: true } {
  const date = localDayOf(startsAt, calendar.timeZone);
  const closed = closedDay(date, calendar);
  if (closed) return { closed };
  const start = parseInstant(startsAt);
  const slot = daySlots(date, openings, minutes, calendar).find((s) => parseInstant(s.startsAt) === start);
  return slot ? { slot } : { notASlot: true };
}

// Sandbox-safe: when an administration's silence becomes a decision (CRPA art. L231-1 and L231-4:
// two months by default). A time limit in months ends on the day with the same number, or on the
// last day of the month when that day does not exist (31 December + 2 months → 28 or 29 February).
import { daysInMonth, formatCivilDate } from './civil-date.ts';
import { parseInstant, toLocal } from './zoned-time.ts';

export function implicitDecisionDate(
  receivedAtIso: string,
  { months }: { months: number } = { months: 2 },
  timeZone = 'Europe/Paris',
): string {
  if (!Number.isInteger(months) || months < 1)
    throw new RangeError(`A time limit in months must be ≥ 1, not ${months}.`);
  const received = toLocal(parseInstant(receivedAtIso), timeZone).date;
  const monthIndex = received.month - 1 + months;
  const year = received.year + Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  return formatCivilDate({ year, month, day: Math.min(received.day, daysInMonth(year, month)) });
}

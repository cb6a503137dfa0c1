import { userError } from '../common/errors.ts';

/** A period of the dashboard: calendar days in the municipality's time zone, `to` included. */
export interface Period {
  /** first day, YYYY-MM-DD */
  from: string;
  /** last day, YYYY-MM-DD (included) */
  to: string;
}

/** Days per trend bucket. */
export type TrendInterval = 'day' | 'week';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 731;

const isDay = (value: string) => DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The period asked for, by default the last 30 days up to `today`; refused whole when malformed. */
export function parsePeriod(from: string | null | undefined, to: string | null | undefined, today: string): Period {
  const last = to ?? today;
  const first = from ?? addDays(last, -29);
  for (const [field, value] of [
    ['from', first],
    ['to', last],
  ] as const) {
    if (!isDay(value)) {
      throw userError(
        'BAD_USER_INPUT',
        `${field} : date attendue au format AAAA-MM-JJ. / ${field}: expected YYYY-MM-DD.`,
        {
          field,
        },
      );
    }
  }
  const days = (Date.parse(last) - Date.parse(first)) / 86_400_000 + 1;
  if (days < 1) {
    throw userError('BAD_USER_INPUT', 'La fin de la période précède son début. / The period ends before it starts.', {
      field: 'to',
    });
  }
  if (days > MAX_DAYS) {
    throw userError('BAD_USER_INPUT', 'Période de deux ans au plus. / The period may span two years at most.', {
      field: 'from',
    });
  }
  return { from: first, to: last };
}

/** The day after the period, YYYY-MM-DD: its exclusive end. */
export const dayAfter = (period: Period) => addDays(period.to, 1);

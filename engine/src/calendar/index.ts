// Sandbox-safe: French public holidays, business calendars, SLA arithmetic and implicit decisions.
export {
  type BusinessCalendar,
  DEFAULT_BUSINESS_CALENDAR,
  DEFAULT_OPENING_HOURS,
} from './business-calendar.ts';
export { addBusinessTime, type BusinessAmount } from './business-time.ts';
export {
  frenchPublicHolidays,
  HOLIDAY_REGIONS,
  type HolidayOptions,
  type HolidayRegion,
  isHolidayRegion,
} from './holidays.ts';
export { implicitDecisionDate } from './implicit-decision.ts';
export {
  DELAY_UNITS,
  type DelayUnit,
  describeBusinessTime,
  describeDelay,
  type LegalDelay,
  legalDeadline,
} from './legal-delay.ts';
export { startOfLocalDay } from './local-day.ts';
export { extendDeadline, type SlaInput, type SlaState, slaReminderAt, slaState } from './sla.ts';

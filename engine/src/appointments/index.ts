// Sandbox-safe: appointments' slots from opening hours and the town's calendar, and their .ics file.

export { type ClosedDay, closedDay } from '../calendar/business-calendar.ts';
export { type CalendarEvent, calendarFile } from './ics.ts';
export { daySlots, type Slot, slotAt, type WeeklyOpening } from './slots.ts';

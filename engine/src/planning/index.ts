// Sandbox-safe: agents' presence from their working patterns, absences and the town's calendar.
export {
  HALF_DAYS,
  type HalfDay,
  halfDayPresence,
  halfDaySpan,
  type PatternProblem,
  type PlanningAbsence,
  type Presence,
  patternProblems,
  presentDuring,
  WEEKDAYS,
  type WeekHalfDay,
  type WorkingPattern,
  weekOf,
} from './presence.ts';

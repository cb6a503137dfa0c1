import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_CALENDAR } from '../calendar/business-calendar.ts';
import { halfDayPresence, patternProblems, presentDuring, type WorkingPattern, weekOf } from './presence.ts';

const calendar = { ...DEFAULT_BUSINESS_CALENDAR, closures: ['2026-12-24'] };
const weekdays = ['MON', 'TUE', 'WED', 'THU', 'FRI'].flatMap((d) => [`${d}_AM`, `${d}_PM`]);
// part-time: not on Wednesday afternoons, and every other Friday off (week B)
const partTime: WorkingPattern = {
  startsOn: '2026-11-30',
  endsOn: null,
  weekA: weekdays.filter((h) => h !== 'WED_PM'),
  weekB: weekdays.filter((h) => h !== 'WED_PM' && !h.startsWith('FRI')),
};

describe('halfDayPresence', () => {
  it('follows a part-time pattern: no Wednesday afternoon, the morning yes', () => {
    expect(halfDayPresence('2026-12-09', 'AM', [partTime], [], calendar)).toBe('PRESENT');
    expect(halfDayPresence('2026-12-09', 'PM', [partTime], [], calendar)).toBe('NOT_WORKING');
  });

  it('alternates weeks from the week the pattern starts in: Friday worked in week A, off in week B', () => {
    expect(halfDayPresence('2026-12-04', 'AM', [partTime], [], calendar)).toBe('PRESENT'); // week A
    expect(halfDayPresence('2026-12-11', 'AM', [partTime], [], calendar)).toBe('NOT_WORKING'); // week B
    expect(halfDayPresence('2026-12-18', 'PM', [partTime], [], calendar)).toBe('PRESENT'); // week A again
  });

  it('is nobody there on a public holiday or a closure of the town, pattern or not', () => {
    expect(halfDayPresence('2026-12-25', 'AM', [partTime], [], calendar)).toBe('HOLIDAY');
    expect(halfDayPresence('2026-12-24', 'PM', [], [], calendar)).toBe('CLOSURE');
  });

  it('marks a half-day an absence overlaps as absent, the other half-day present', () => {
    const absences = [{ startsAt: '2026-12-08T08:00:00Z', endsAt: '2026-12-08T10:00:00Z' }];
    expect(halfDayPresence('2026-12-08', 'AM', [partTime], absences, calendar)).toBe('ABSENT');
    expect(halfDayPresence('2026-12-08', 'PM', [partTime], absences, calendar)).toBe('PRESENT');
  });

  it('has an agent without pattern work weekdays only, and one whose patterns cover not the day not work', () => {
    expect(halfDayPresence('2026-12-12', 'AM', [], [], calendar)).toBe('NOT_WORKING'); // Saturday
    expect(halfDayPresence('2026-12-14', 'PM', [], [], calendar)).toBe('PRESENT');
    const ended = { ...partTime, endsOn: '2026-12-10' };
    expect(halfDayPresence('2026-12-14', 'AM', [ended], [], calendar)).toBe('NOT_WORKING');
  });
});

describe('presentDuring', () => {
  it('needs every half-day touched worked and no absence overlapping (Paris time: 13:00 is 12:00Z in winter)', () => {
    expect(presentDuring('2026-12-09T09:00:00Z', '2026-12-09T11:30:00Z', [partTime], [], calendar)).toBe(true);
    expect(presentDuring('2026-12-09T11:30:00Z', '2026-12-09T12:30:00Z', [partTime], [], calendar)).toBe(false);
    const absences = [{ startsAt: '2026-12-07T10:00:00Z', endsAt: '2026-12-07T10:30:00Z' }];
    expect(presentDuring('2026-12-07T09:00:00Z', '2026-12-07T09:30:00Z', [partTime], absences, calendar)).toBe(true);
    expect(presentDuring('2026-12-07T10:15:00Z', '2026-12-07T10:45:00Z', [partTime], absences, calendar)).toBe(false);
  });
});

describe('patternProblems', () => {
  it('refuses an end before the start, unknown half-days and an overlap, naming the field', () => {
    const bad = { startsOn: '2026-12-10', endsOn: '2026-12-01', weekA: ['MON_AM', 'LUN_AM'], weekB: null };
    expect(patternProblems(bad, []).map((p) => p.field)).toEqual(['endsOn', 'weekA']);
    const clash = patternProblems({ ...partTime, startsOn: '2027-01-04' }, [partTime]);
    expect(clash).toEqual([
      expect.objectContaining({ field: 'startsOn', message: expect.stringMatching(/Chevauche/) }),
    ]);
    expect(patternProblems({ ...partTime, startsOn: '2026-01-05', endsOn: '2026-11-29' }, [partTime])).toEqual([]);
  });
});

describe('weekOf', () => {
  it('gives Monday to Sunday of the week', () => {
    expect(weekOf('2026-12-10')).toEqual([
      '2026-12-07',
      '2026-12-08',
      '2026-12-09',
      '2026-12-10',
      '2026-12-11',
      '2026-12-12',
      '2026-12-13',
    ]);
  });
});

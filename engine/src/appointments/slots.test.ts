import { describe, expect, it } from 'vitest';
import { closedDay, DEFAULT_BUSINESS_CALENDAR } from '../calendar/business-calendar.ts';
import { daySlots, slotAt } from './slots.ts';

const calendar = { ...DEFAULT_BUSINESS_CALENDAR, closures: ['2026-12-24'] };
// Mondays 09:00–10:05 and 14:00–15:00, Saturdays 09:00–12:00 (Paris: UTC+1 in winter, +2 in summer)
const openings = [
  { weekday: 1, opens: '14:00', closes: '15:00' },
  { weekday: 1, opens: '09:00', closes: '10:05' },
  { weekday: 6, opens: '09:00', closes: '12:00' },
];

describe('appointment slots', () => {
  it('cuts each opening into slots of the kind’s length, in the town’s time, leaving out a short last piece', () => {
    expect(daySlots('2026-12-07', openings, 30, calendar)).toEqual([
      { startsAt: '2026-12-07T08:00:00.000Z', endsAt: '2026-12-07T08:30:00.000Z' },
      { startsAt: '2026-12-07T08:30:00.000Z', endsAt: '2026-12-07T09:00:00.000Z' },
      { startsAt: '2026-12-07T13:00:00.000Z', endsAt: '2026-12-07T13:30:00.000Z' },
      { startsAt: '2026-12-07T13:30:00.000Z', endsAt: '2026-12-07T14:00:00.000Z' },
    ]);
    expect(daySlots('2026-06-01', openings, 60, calendar)[0]).toEqual({
      startsAt: '2026-06-01T07:00:00.000Z',
      endsAt: '2026-06-01T08:00:00.000Z',
    });
  });

  it('opens on a Saturday when the hours say so, never on a closure or a public holiday', () => {
    expect(daySlots('2026-12-12', openings, 60, calendar)).toHaveLength(3);
    expect(daySlots('2026-12-08', openings, 60, calendar)).toEqual([]); // a Tuesday: no hours
    expect(closedDay('2026-12-24', calendar)).toBe('CLOSURE');
    expect(closedDay('2026-12-26', calendar)).toBeNull(); // a Saturday, not a holiday outside Alsace-Moselle
    expect(closedDay('2026-12-26', { ...calendar, alsaceMoselle: true })).toBe('HOLIDAY');
    expect(daySlots('2027-05-08', openings, 60, calendar)).toEqual([]); // Saturday 8 May: Victory Day
  });

  it('says why an instant is no slot: a closed day, or off the grid', () => {
    expect(slotAt('2026-12-07T08:30:00Z', openings, 30, calendar)).toEqual({
      slot: { startsAt: '2026-12-07T08:30:00.000Z', endsAt: '2026-12-07T09:00:00.000Z' },
    });
    expect(slotAt('2026-12-07T08:15:00Z', openings, 30, calendar)).toEqual({ notASlot: true });
    expect(slotAt('2026-12-07T16:00:00Z', openings, 30, calendar)).toEqual({ notASlot: true });
    expect(slotAt('2026-12-25T09:00:00Z', openings, 30, calendar)).toEqual({ closed: 'HOLIDAY' });
    expect(() => daySlots('2026-12-07', openings, 0, calendar)).toThrow(/5 minutes at least/);
  });
});

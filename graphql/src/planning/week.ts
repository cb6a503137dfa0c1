// The managers' week: each group's agents half-day by half-day, and the half-days a group has
// nobody present on a day the town is open.
import { HALF_DAYS, type HalfDay, halfDayPresence, halfDaySpan, type Presence, weekOf } from '@parvis/engine';
import type { Db } from '../common/database.ts';
import { agentPlans, townCalendar } from './presence.ts';

export interface AgentWeek {
  agentId: string;
  displayName: string;
  halfDays: { day: string; half: HalfDay; presence: Presence }[];
}

export interface GroupWeek {
  key: string;
  name: string;
  agents: AgentWeek[];
  /** each half-day of the week: how many are present, and whether the town is closed then */
  halfDays: { day: string; half: HalfDay; present: number; closed: boolean }[];
}

/** The week (Monday to Sunday) `day` falls in, group by group (every group of the town, by name). */
export async function weekPlanning(
  tx: Db,
  town: string,
  day: string,
): Promise<{ days: string[]; groups: GroupWeek[] }> {
  const days = weekOf(day);
  const calendar = await townCalendar(tx, town);
  const from = new Date(halfDaySpan(days[0]!, 'AM', calendar.timeZone).from).toISOString();
  const to = new Date(halfDaySpan(days[6]!, 'PM', calendar.timeZone).to).toISOString();
  const plans = await agentPlans(tx, town, { from, to });
  const agents = plans.map((plan) => ({
    ...plan,
    halfDays: days.flatMap((d) =>
      HALF_DAYS.map((half) => ({
        day: d,
        half,
        presence: halfDayPresence(d, half, plan.patterns, plan.absences, calendar),
      })),
    ),
  }));
  const groups = await tx<{ key: string; name: string }[]>`
    select key, name from agent_groups
    union select g, g from agents, unnest(groups) g
      where disabled_at is null and g not in (select key from agent_groups)
    order by name`;
  return {
    days,
    groups: groups.map((group) => {
      const members = agents.filter((a) => a.groups.includes(group.key));
      return {
        ...group,
        agents: members.map(({ agentId, displayName, halfDays }) => ({ agentId, displayName, halfDays })),
        halfDays: days.flatMap((d) =>
          HALF_DAYS.map((half) => {
            const presence = halfDayPresence(d, half, [], [], calendar);
            return {
              day: d,
              half,
              present: members.filter((m) =>
                m.halfDays.some((h) => h.day === d && h.half === half && h.presence === 'PRESENT'),
              ).length,
              closed: presence === 'CLOSURE' || presence === 'HOLIDAY',
            };
          }),
        ),
      };
    }),
  };
}

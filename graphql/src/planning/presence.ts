// The appointments' and the managers' entry point to agents' presence: the town's agents with their
// working patterns and absences, read in the caller's transaction (already within the town), and
// the pure planning of @parvis/engine applied to them.
import {
  type BusinessCalendar,
  DEFAULT_BUSINESS_CALENDAR,
  type PlanningAbsence,
  presentDuring,
  type WorkingPattern,
} from '@parvis/engine';
import type { Db } from '../common/database.ts';
import { isUuid } from '../common/uuid.ts';

/** An agent of the town with what their planning needs. */
export interface AgentPlan {
  agentId: string;
  displayName: string;
  groups: string[];
  patterns: WorkingPattern[];
  absences: PlanningAbsence[];
}

/** When presence is asked about: ISO instants (end excluded); `groupKey` narrows to a group's agents. */
export interface PresenceSpan {
  from: string;
  to: string;
  groupKey?: string;
}

/** The town's business calendar (closures, holidays, time zone), read in the transaction. */
export async function townCalendar(tx: Db, town: string): Promise<BusinessCalendar> {
  const [row] = await tx<{ calendar: BusinessCalendar | null }[]>`select parvis_business_calendar(${town}) as calendar`;
  return row?.calendar ?? DEFAULT_BUSINESS_CALENDAR;
}

/**
 * The town's enabled agents (or one, or a group's) with their patterns and the absences that
 * overlap `from`–`to`, by name.
 */
export function agentPlans(
  tx: Db,
  town: string,
  span: { from: string; to: string; agentId?: string; groupKey?: string },
): Promise<AgentPlan[]> {
  return tx<AgentPlan[]>`
    select a.id as "agentId", a.display_name as "displayName", a.groups,
      coalesce((select jsonb_agg(jsonb_build_object('startsOn', to_char(p.starts_on, 'YYYY-MM-DD'),
          'endsOn', to_char(p.ends_on, 'YYYY-MM-DD'), 'weekA', p.week_a, 'weekB', p.week_b) order by p.starts_on)
        from working_patterns p where p.agent_id = a.id), '[]'::jsonb) as patterns,
      coalesce((select jsonb_agg(jsonb_build_object(
          'startsAt', to_char(b.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
          'endsAt', to_char(b.ends_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')) order by b.starts_at)
        from absences b where b.agent_id = a.id and b.starts_at < ${span.to}::timestamptz
          and b.ends_at > ${span.from}::timestamptz), '[]'::jsonb) as absences
    from agents a
    where a.municipality_id = ${town} and a.disabled_at is null
      and ${span.agentId ? tx`a.id = ${span.agentId}::uuid` : tx`true`}
      and ${span.groupKey ? tx`${span.groupKey} = any(a.groups)` : tx`true`}
    order by a.display_name, a.id`;
}

/**
 * The ids of the town's agents (of `groupKey` when given) present the whole time from `from` to
 * `to`: working then by their patterns, not absent, on a day the town is open.
 */
export async function presentAgents(tx: Db, town: string, span: PresenceSpan): Promise<string[]> {
  const calendar = await townCalendar(tx, town);
  const plans = await agentPlans(tx, town, span);
  return plans
    .filter((plan) => presentDuring(span.from, span.to, plan.patterns, plan.absences, calendar))
    .map((plan) => plan.agentId);
}

/** Whether one agent of the town is present the whole time from `from` to `to` (false for an unknown one). */
export async function isPresent(
  tx: Db,
  town: string,
  agentId: string,
  span: PresenceSpan,
  /** the town's calendar, when the caller has read it already */
  known?: BusinessCalendar,
): Promise<boolean> {
  if (!isUuid(agentId)) return false;
  const calendar = known ?? (await townCalendar(tx, town));
  const [plan] = await agentPlans(tx, town, { ...span, agentId });
  return plan ? presentDuring(span.from, span.to, plan.patterns, plan.absences, calendar) : false;
}

import { daySlots, presentDuring } from '@parvis/engine';
import type { Database } from '../common/database.ts';
import { checkedDay } from '../common/day.ts';
import { userError } from '../common/errors.ts';
import { type AgentPlan, agentPlans, townCalendar } from '../planning/presence.ts';
import { listKinds, listResources } from './repository.ts';

/** A slot of a resource and its free seats, as the API answers it. */
export interface FreeSlot {
  resourceId: string;
  startsAt: string;
  endsAt: string;
  free: number;
}

/** The slots of a local day for a kind, every resource serving it, with their free seats, by start. */
export async function freeSlots(db: Database, town: string, kindKey: string, date: string): Promise<FreeSlot[]> {
  checkedDay(date);
  return db.within(town, async (tx) => {
    const calendar = await townCalendar(tx, town);
    const [kind] = await listKinds(tx, kindKey);
    if (!kind)
      throw userError('NOT_FOUND', 'Type de rendez-vous inconnu. / No such kind of appointment.', { field: 'kindKey' });
    const resources = kind.resourceIds.length ? await listResources(tx, kind.resourceIds) : [];
    const slots = resources.flatMap((resource) =>
      daySlots(date, resource.openings, kind.minutes, calendar).map((slot) => ({ ...slot, resource })),
    );
    if (slots.length === 0) return [];
    // an agent as resource offers only the slots they are present for, by their planning
    const span = { from: slots[0]!.startsAt, to: slots.at(-1)!.endsAt };
    const plans = resources.some((resource) => resource.agentId)
      ? new Map((await agentPlans(tx, town, span)).map((plan) => [plan.agentId, plan]))
      : new Map<string, AgentPlan>();
    const present = ({ resource, startsAt, endsAt }: (typeof slots)[number]) => {
      if (!resource.agentId) return true;
      const plan = plans.get(resource.agentId);
      return !!plan && presentDuring(startsAt, endsAt, plan.patterns, plan.absences, calendar);
    };
    const held = await tx<{ resourceId: string; startsAt: Date; endsAt: Date }[]>`
      select resource_id as "resourceId", starts_at as "startsAt", ends_at as "endsAt" from appointments
      where resource_id = any(${kind.resourceIds}::uuid[]) and status <> 'CANCELLED'
        and starts_at < ${slots.at(-1)!.endsAt} and ends_at > ${slots[0]!.startsAt}`;
    return slots
      .filter(present)
      .map(({ resource, startsAt, endsAt }) => {
        const taken = held.filter(
          (h) => h.resourceId === resource.id && h.startsAt < new Date(endsAt) && h.endsAt > new Date(startsAt),
        ).length;
        return { resourceId: resource.id, startsAt, endsAt, free: Math.max(0, resource.capacity - taken) };
      })
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  });
}

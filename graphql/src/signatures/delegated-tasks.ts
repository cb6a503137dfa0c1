import type { SignedInAgent } from '../common/context.ts';
import type { Db } from '../common/database.ts';
import { taskRepository } from '../tasks/repository.ts';
import { delegationRepository } from './delegations.ts';

/**
 * Open signature steps the agent may sign today only through a delegation: those of the groups
 * (or assigned to) the agents who delegated to them, oldest first.
 */
export async function delegatedTasks(db: Db, agent: SignedInAgent) {
  const held = await delegationRepository(db).heldNow(agent.id);
  if (held.length === 0) return [];
  const groups = [...new Set(held.flatMap((d) => d.delegator_groups))];
  const delegators = held.map((d) => d.delegator_id);
  return taskRepository(db).page(
    db`t.status = 'open' and (t.candidate_groups && ${groups} or t.assignee = any(${delegators}))
      and not (t.candidate_groups && ${agent.groups})`,
    db`t.opened_at, t.id`,
    200,
  );
}

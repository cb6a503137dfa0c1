import type { SignedInAgent } from '../common/context.ts';
import type { Db } from '../common/database.ts';
import { namedIn, namesOf } from '../tasks/candidates.ts';
import { taskRepository } from '../tasks/repository.ts';
import { delegationRepository } from './delegations.ts';

/**
 * Open signature steps the agent may sign today only through a delegation: those of the groups of the
 * agents who delegated to them, naming them or assigned to them, oldest first.
 */
export async function delegatedTasks(db: Db, agent: SignedInAgent) {
  const held = await delegationRepository(db).heldNow(agent.id);
  if (held.length === 0) return [];
  const groups = [...new Set(held.flatMap((d) => d.delegator_groups))];
  const delegators = held.map((d) => d.delegator_id);
  const delegatorNames = held.flatMap((d) => namesOf({ id: d.delegator_id, email: d.delegator_email }));
  return taskRepository(db).page(
    db`t.status = 'open'
      and (t.candidate_groups && ${groups} or ${namedIn(db, 't.candidate_users', delegatorNames)}
        or t.assignee = any(${delegators}))
      and not (t.candidate_groups && ${agent.groups} or ${namedIn(db, 't.candidate_users', namesOf(agent))})`,
    db`t.opened_at, t.id`,
    200,
  );
}

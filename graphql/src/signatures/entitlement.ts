import type { SignedInAgent } from '../common/context.ts';
import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import { type DelegationRow, delegationRepository } from './delegations.ts';
import { mayWorkOn, type SignableTask, signatoriesOf } from './signable-task.ts';

/** In whose name the agent signs a step: their own, or a delegator's under a live delegation. */
export type SigningRight = { kind: 'own' } | { kind: 'delegated'; delegation: DelegationRow };

/**
 * The agent's right to sign this step now: their own (the task's assignee, candidate or group), else
 * a live delegation from someone who has it (`onBehalfOf` picks the delegator when several do).
 */
export async function signingRight(
  db: Db,
  agent: SignedInAgent,
  task: SignableTask,
  onBehalfOf?: string,
): Promise<SigningRight> {
  if (!onBehalfOf && mayWorkOn(task, agent)) return { kind: 'own' };
  const held = await delegationRepository(db).heldNow(agent.id);
  const usable = held.filter(
    (d) =>
      (!onBehalfOf || d.delegator_id === onBehalfOf) &&
      mayWorkOn(task, { id: d.delegator_id, email: d.delegator_email, groups: d.delegator_groups }),
  );
  if (usable[0]) return { kind: 'delegated', delegation: usable[0] };
  const step = `« ${task.name ?? task.element_id} » (${task.tracking_code})`;
  if (onBehalfOf)
    throw userError(
      'NOT_ALLOWED',
      `Aucune délégation en cours ne vous permet de signer l'étape ${step} pour cet agent. / No live delegation lets you sign this step for that agent.`,
    );
  throw userError(
    'NOT_ALLOWED',
    `L'étape ${step} n'est pas à vous de signer : elle revient à ${signatoriesOf(task)}, et aucune délégation en cours ne vous le permet. / This step is not yours to sign.`,
  );
}

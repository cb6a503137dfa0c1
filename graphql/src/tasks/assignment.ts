import type { ApiContext, SignedInAgent } from '../common/context.ts';
import { userError } from '../common/errors.ts';
import { isUuid } from '../common/uuid.ts';
import { assigneeAway, type TaskRow, taskRepository } from './repository.ts';

const mayManage = (agent: SignedInAgent) => agent.roles.includes('manager') || agent.roles.includes('administrator');

async function openTask(ctx: ApiContext, agent: SignedInAgent, taskId: string): Promise<TaskRow> {
  const task = await ctx.db.within(agent.municipalityId, (tx) => taskRepository(tx).find(taskId));
  if (!task) throw userError('NOT_FOUND', `Tâche ${taskId} introuvable. / No such task.`, { field: 'taskId' });
  if (task.status !== 'open') {
    throw userError('TASK_NOT_OPEN', `La tâche « ${task.name ?? task.element_id} » est close. / The task is not open.`);
  }
  return task;
}

/**
 * Assigns an open task: to oneself (a claim) when one is in its groups and it is free — unassigned,
 * or held by an absent agent — or, for managers, to any agent of its groups, themselves included,
 * whoever holds it (a reassignment).
 */
export async function assignTask(
  ctx: ApiContext,
  by: SignedInAgent,
  taskId: string,
  assigneeId: string,
  how: 'claim' | 'assign' = 'assign',
) {
  const task = await openTask(ctx, by, taskId);
  const claim = how === 'claim';
  if (!claim && !mayManage(by)) {
    throw userError(
      'FORBIDDEN',
      'Seuls les responsables attribuent une tâche à un autre. / Only managers assign to others.',
    );
  }
  return ctx.db.within(by.municipalityId, async (tx) => {
    const [assignee] = isUuid(assigneeId)
      ? await tx<{ groups: string[] }[]>`select groups from agents where id = ${assigneeId}::uuid`
      : [];
    if (!assignee?.groups.some((g) => task.candidate_groups.includes(g))) {
      throw userError(
        'NOT_ALLOWED',
        `Cette tâche est pour les groupes ${task.candidate_groups.join(', ')}. / This task is for other groups.`,
      );
    }
    const updated = await tx`update tasks set assignee = ${assigneeId}
      where id = ${taskId} and status = 'open'
        and (${!claim} or assignee is null or assignee = ${assigneeId} or ${assigneeAway(tx)})
      returning id`;
    if (updated.length === 0) {
      throw userError('NOT_ALLOWED', 'Un autre agent a déjà pris cette tâche. / Another agent holds this task.');
    }
    return (await taskRepository(tx).find(taskId))!;
  });
}

/** Gives a task back to its groups: its assignee, or a manager, may. */
export async function releaseTask(ctx: ApiContext, by: SignedInAgent, taskId: string) {
  const task = await openTask(ctx, by, taskId);
  if (task.assignee !== by.id && !mayManage(by)) {
    throw userError('NOT_ALLOWED', "Cette tâche n'est pas à vous. / This task is not yours.");
  }
  return ctx.db.within(by.municipalityId, async (tx) => {
    await tx`update tasks set assignee = null where id = ${taskId}`;
    return (await taskRepository(tx).find(taskId))!;
  });
}

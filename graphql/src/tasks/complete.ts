import type { Variables } from '@parvis/engine';
import { completeTaskUpdate } from '@parvis/workers/messages';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApiContext, SignedInAgent } from '../common/context.ts';
import { type ErrorCode, userError } from '../common/errors.ts';
import { taskRepository } from './repository.ts';

/**
 * Completes a task through the workflow's update: the workflow's validator checks that the task
 * is open, the agent allowed and the data valid before anything enters history.
 */
export async function completeTask(ctx: ApiContext, agent: SignedInAgent, taskId: string, data: Variables) {
  const find = () => ctx.db.within(agent.municipalityId, (tx) => taskRepository(tx).find(taskId));
  const task = await find();
  if (!task) throw userError('NOT_FOUND', `Tâche ${taskId} introuvable. / No such task.`);
  if (task.status !== 'open')
    throw userError(
      'TASK_NOT_OPEN',
      `La tâche « ${task.name ?? task.element_id} » est déjà close. / The task is not open.`,
    );
  try {
    await ctx.temporal.workflow.getHandle(task.workflow_id).executeUpdate(completeTaskUpdate, {
      args: [
        {
          taskKey: task.task_key,
          actor: { id: agent.id, displayName: agent.displayName, groups: agent.groups, email: agent.email },
          data,
        },
      ],
    });
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) {
      const cause = error.cause as { type?: string; message?: string; details?: unknown[] } | undefined;
      const code = (cause?.type ?? 'BAD_USER_INPUT') as ErrorCode;
      throw userError(
        code,
        cause?.message ?? 'Refused.',
        code === 'FORM_INVALID' ? { fields: cause?.details?.[0] } : {},
      );
    }
    throw error;
  }
  return (await find())!;
}

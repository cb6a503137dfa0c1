// Sandbox-safe: what one engine step changes for people, derived from the step itself.
import type { Step } from '../runtime/types.ts';
import type { OpenTask, StepRecord, TimelineEntry } from './types.ts';

const STATUS_BY_ENGINE: Record<Step['state']['status'], string> = {
  active: 'inProgress',
  completed: 'closed',
  terminated: 'closed',
  failed: 'failed',
};

/** The record of a step's tasks and timeline, or undefined when the step changed nothing people can see. */
export function collectStepRecord(
  step: Step,
  before: Map<string, OpenTask>,
  after: Map<string, OpenTask>,
  completedBy: Map<string, string>,
  timeline: TimelineEntry[],
  notified: TimelineEntry[],
  child: boolean,
  /** a task's key from the engine's task id (a called process's keys carry its scope) */
  taskKeyOf: (taskId: string) => string,
): Omit<StepRecord, 'taskSla'> | undefined {
  const openedTasks = [...after.values()].filter((task) => !before.has(task.taskKey));
  const closedTasks = [...before.values()]
    .filter((task) => !after.has(task.taskKey))
    .map((task) => ({
      taskKey: task.taskKey,
      status: completedOrCancelled(step, task.taskKey, taskKeyOf),
      completedBy: completedBy.get(task.taskKey),
    }));
  const entries = [...timeline];
  for (const task of openedTasks)
    entries.push({
      kind: 'taskOpened',
      payload: { taskKey: task.taskKey, name: task.name ?? task.elementId, groups: task.candidateGroups },
    });
  for (const command of step.commands) {
    if (command.type === 'incident')
      entries.push({
        kind: 'incident',
        // incidentId: what the town's incident list (migration 220) keys it by, to find its resolution
        payload: {
          incidentId: command.incidentId,
          elementId: command.elementId,
          code: command.code,
          message: command.message,
        },
      });
  }
  entries.push(...notified);
  // A call activity's end is the parent's business: it does not close the request.
  if (step.state.status !== 'active')
    entries.push({ kind: child ? 'callEnded' : 'closed', payload: { outcome: step.state.status } });
  if (entries.length === 0 && openedTasks.length === 0 && closedTasks.length === 0) return undefined;
  const request = child ? {} : { status: STATUS_BY_ENGINE[step.state.status] };
  return { request, openedTasks, closedTasks, timeline: entries };
}

function completedOrCancelled(
  step: Step,
  taskKey: string,
  taskKeyOf: (taskId: string) => string,
): 'completed' | 'cancelled' {
  const cancelled = step.commands.some((c) => c.type === 'cancelTask' && taskKeyOf(c.taskId) === taskKey);
  return cancelled ? 'cancelled' : 'completed';
}

// The dry run's host of the request's lifecycle: what a request would start — tasks, jobs, calls,
// timers, message waits — becomes open work the analyst answers; the clocks' alarms wait for time to pass.
import type { Command, LifecycleHost, PendingAlarms } from '@parvis/engine';

/** Something the dry run waits for: a task to complete, a job to finish, a timer, a message. */
export interface OpenWork {
  id: string;
  elementId: string;
  kind: 'task' | 'job' | 'call' | 'timer' | 'message';
  name?: string;
  candidateGroups?: string[];
  formId?: string;
  jobType?: string;
  fireAt?: string;
  messageName?: string;
  correlationKey?: string;
}

/** A host that keeps `open` up to date; `alarms` gets the clocks' alarms (SLA, implicit decision). */
export function openWorkHost(
  open: OpenWork[],
  alarms: PendingAlarms,
  on: { taskOpened(work: OpenWork): void; jobStarted(command: Extract<Command, { type: 'runJob' }>): void },
): LifecycleHost {
  const drop = (id: string) => {
    const at = open.findIndex((work) => work.id === id);
    if (at >= 0) open.splice(at, 1);
  };
  return {
    // Engine timers are open work, answered by the analyst; the clocks' alarms ring as time passes.
    setAlarm: (id, at, wakeup) => {
      if (!id.startsWith('timer:')) alarms.set(id, at, wakeup);
    },
    clearAlarm: (id) => alarms.delete(id),
    clearAlarms: () => alarms.clear(),
    timerStarted: (timer) => {
      drop(timer.timerId);
      open.push({ id: timer.timerId, elementId: timer.elementId, kind: 'timer', fireAt: timer.fireAt });
    },
    timerStopped: drop,
    runJob: (command) => {
      open.push({ id: command.jobId, elementId: command.elementId, kind: 'job', jobType: command.jobType });
      on.jobStarted(command);
    },
    cancelJob: drop,
    startCall: (command) => open.push({ id: command.callId, elementId: command.elementId, kind: 'call' }),
    cancelCall: drop,
    taskOpened: (task) => {
      const work: OpenWork = {
        id: task.taskKey,
        elementId: task.elementId,
        kind: 'task',
        candidateGroups: task.candidateGroups,
        ...(task.name ? { name: task.name } : {}),
        ...(task.formId ? { formId: task.formId } : {}),
      };
      open.push(work);
      on.taskOpened(work);
    },
    taskClosed: drop,
    messageAwaited: (wait) =>
      open.push({
        id: wait.subscriptionId,
        elementId: wait.elementId,
        kind: 'message',
        messageName: wait.messageName,
        ...(wait.correlationKey ? { correlationKey: wait.correlationKey } : {}),
      }),
    messageNoLongerAwaited: (wait) => drop(wait.subscriptionId),
  };
}

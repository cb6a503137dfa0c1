// Sandbox-safe: the one workflow that runs any procedure. It feeds events to the engine core and
// turns the engine's commands into Temporal primitives; every side effect is an activity.

import { type Command, type EngineEvent, handle, type Step, start, validateForm } from '@parvis/engine';
import {
  ApplicationFailure,
  allHandlersFinished,
  CancellationScope,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type * as activities from '../activities/index.ts';
import type { TimelineEntry } from '../activities/project-step.ts';
import {
  type CompleteTaskArgs,
  completeTaskUpdate,
  type OpenTask,
  type PendingTimer,
  type RequestWorkflowInput,
  snapshotQuery,
} from '../messages.ts';
import { collectProjection } from './projection.ts';

const io = proxyActivities<ReturnType<typeof activities.createActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', backoffCoefficient: 2 },
});

/** Past this many history events the request continues as new with its state. */
const HISTORY_LIMIT = 2_000;

export async function requestWorkflow(input: RequestWorkflowInput): Promise<{ status: string }> {
  const { ir } = input;
  const now = () => new Date().toISOString(); // the workflow's deterministic clock
  const openTasks = new Map<string, OpenTask>((input.resume?.openTasks ?? []).map((t) => [t.taskKey, t]));
  const timers = new Map<string, { timer: PendingTimer; scope: CancellationScope }>();
  const jobs = new Map<string, CancellationScope>();
  const inbox: EngineEvent[] = [];
  const pendingTimeline: TimelineEntry[] = [];
  const completedBy = new Map<string, string>();
  let seq = input.resume?.seq ?? 0;
  let received = 0; // events delivered to the inbox
  let handled = 0; // events fed to the engine
  let projected = 0; // events whose step PostgreSQL shows

  let step: Step = input.resume
    ? { state: input.resume.state, commands: [] }
    : start(ir, { variables: input.variables, time: now() });

  setHandler(snapshotQuery, () => ({
    status: step.state.status,
    openTasks: [...openTasks.values()],
    variables: step.state.variables,
    incidents: [],
  }));

  setHandler(
    completeTaskUpdate,
    async (args: CompleteTaskArgs) => {
      const task = openTasks.get(args.taskKey)!;
      const form = task.formId ? input.forms[task.formId] : undefined;
      const data = form ? cleanData(form, args.data) : args.data;
      completedBy.set(task.taskKey, args.actor.displayName);
      pendingTimeline.push({
        kind: 'taskCompleted',
        payload: { taskKey: task.taskKey, name: task.name ?? task.elementId, by: args.actor.displayName },
      });
      const position = ++received;
      inbox.push({ type: 'taskCompleted', taskId: task.taskKey, variables: data, time: now() });
      await condition(() => projected >= position);
      return { accepted: true as const };
    },
    { validator: (args: CompleteTaskArgs) => validateCompletion(input, openTasks, args) },
  );

  const schedule = (command: Command) => {
    switch (command.type) {
      case 'openTask':
        openTasks.set(command.taskId, {
          taskKey: command.taskId,
          elementId: command.elementId,
          name: command.name,
          candidateGroups: command.candidateGroups,
          candidateUsers: command.candidateUsers,
          assignee: command.assignee,
          formId: command.formId ?? command.formKey,
        });
        return;
      case 'cancelTask':
        openTasks.delete(command.taskId);
        return;
      case 'startTimer': {
        const timer = { timerId: command.timerId, elementId: command.elementId, fireAt: command.fireAt };
        startTimer(timer);
        return;
      }
      case 'cancelTimer':
        timers.get(command.timerId)?.scope.cancel();
        timers.delete(command.timerId);
        return;
      case 'runJob': {
        const scope = new CancellationScope();
        jobs.set(command.jobId, scope);
        scope
          .run(() =>
            proxyActivities<ReturnType<typeof activities.createActivities>>({
              startToCloseTimeout: '5 minutes',
              retry: { maximumAttempts: Math.max(1, command.retries), initialInterval: '1 second' },
            }).runJob({ requestId: input.requestId, municipalityId: input.municipalityId, ...command }),
          )
          .then(
            (variables) => deliver({ type: 'jobCompleted', jobId: command.jobId, variables, time: now() }),
            (error: unknown) => {
              if (scope.consideredCancelled) return;
              const failure = error as { cause?: { type?: string; message?: string }; message?: string };
              deliver({
                type: 'jobFailed',
                jobId: command.jobId,
                message: failure.cause?.message ?? failure.message ?? String(error),
                errorCode: failure.cause?.type ?? undefined,
                time: now(),
              });
            },
          )
          .finally(() => jobs.delete(command.jobId));
        return;
      }
      case 'cancelJob':
        jobs.get(command.jobId)?.cancel();
        return;
      default:
        return;
    }
  };

  const startTimer = (timer: PendingTimer) => {
    const scope = new CancellationScope();
    timers.set(timer.timerId, { timer, scope });
    const delay = Math.max(0, Date.parse(timer.fireAt) - Date.now());
    scope
      .run(() => sleep(delay))
      .then(
        () => {
          timers.delete(timer.timerId);
          deliver({ type: 'timerFired', timerId: timer.timerId, time: now() });
        },
        () => {}, // cancelled: the engine asked for it
      );
  };

  const deliver = (event: EngineEvent) => {
    received++;
    inbox.push(event);
  };

  for (const timer of input.resume?.timers ?? []) startTimer(timer);

  if (!input.resume) {
    await io.projectStep({
      requestId: input.requestId,
      municipalityId: input.municipalityId,
      seq: ++seq,
      at: now(),
      status: 'submitted',
      openedTasks: [],
      closedTasks: [],
      timeline: [
        { kind: 'submitted', payload: { procedure: input.procedureTitle.fr, trackingCode: input.trackingCode } },
      ],
    });
    if (input.citizenEmail) {
      const sent = await io.sendAcknowledgement({
        requestId: input.requestId,
        municipalityId: input.municipalityId,
        trackingCode: input.trackingCode,
        to: input.citizenEmail,
        procedureTitle: input.procedureTitle,
      });
      pendingTimeline.push({ kind: 'acknowledged', payload: sent });
    }
  }

  let before = new Map(openTasks); // the open tasks PostgreSQL shows
  for (;;) {
    for (const command of step.commands) schedule(command);
    const projection = collectProjection(step, before, openTasks, completedBy, pendingTimeline.splice(0));
    if (projection) {
      await io.projectStep({
        requestId: input.requestId,
        municipalityId: input.municipalityId,
        seq: ++seq,
        at: now(),
        ...projection,
      });
    }
    projected = handled;
    if (step.state.status !== 'active') {
      await condition(allHandlersFinished);
      return { status: step.state.status };
    }

    if (workflowInfo().historyLength > HISTORY_LIMIT && inbox.length === 0) {
      await condition(allHandlersFinished);
      const pending = [...timers.values()].map((t) => t.timer);
      await continueAsNew<typeof requestWorkflow>({
        ...input,
        resume: { state: step.state, seq, openTasks: [...openTasks.values()], timers: pending },
      });
    }

    await condition(() => inbox.length > 0);
    const event = inbox.shift()!;
    before = new Map(openTasks);
    if (event.type === 'taskCompleted') openTasks.delete(event.taskId);
    step = handle(ir, step.state, event);
    handled++;
  }
}

function validateCompletion(
  input: RequestWorkflowInput,
  openTasks: Map<string, OpenTask>,
  args: CompleteTaskArgs,
): void {
  const task = openTasks.get(args.taskKey);
  if (!task) {
    throw ApplicationFailure.nonRetryable(
      `Task ${args.taskKey} is not open on request ${input.trackingCode}.`,
      'TASK_NOT_OPEN',
    );
  }
  const allowed =
    task.assignee === args.actor.id ||
    task.candidateUsers.includes(args.actor.id) ||
    task.candidateGroups.some((group) => args.actor.groups.includes(group));
  if (!allowed) {
    throw ApplicationFailure.nonRetryable(
      `${args.actor.displayName} is not in the groups of task "${task.name ?? task.elementId}" (${task.candidateGroups.join(', ')}).`,
      'NOT_ALLOWED',
    );
  }
  const form = task.formId ? input.forms[task.formId] : undefined;
  if (form) {
    const result = validateForm(form as never, args.data);
    if (!result.ok) throw ApplicationFailure.nonRetryable('The task form has errors.', 'FORM_INVALID', result.errors);
  }
}

function cleanData(form: unknown, data: CompleteTaskArgs['data']) {
  const result = validateForm(form as never, data);
  return result.ok ? result.data : data;
}

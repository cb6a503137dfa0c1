// Sandbox-safe: the one workflow that runs any procedure — a thin host of the request's lifecycle
// (engine/src/lifecycle). It feeds the lifecycle wake-ups with their time and records each step;
// every side effect is an activity.
import {
  activeElementsOf,
  type Notice,
  RequestLifecycle,
  type StepRecord,
  type Variables,
  type Wakeup,
} from '@parvis/engine/runtime';
import {
  allHandlersFinished,
  condition,
  makeContinueAsNewFunc,
  patched,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { RequestActivities } from '../activities/index.ts';
import type { NotifyInput } from '../activities/notify.ts';
import type { StepProjection } from '../activities/project-step.ts';
import {
  type MigrateVersionArgs,
  REQUEST_WORKFLOW_TASK_TIMEOUT,
  type RequestWorkflowInput,
  snapshotQuery,
  type WorkflowTuning,
} from '../messages.ts';
import { CALLED_PROCESSES_FAIL, failAsCall } from './called-process.ts';
import { io } from './request-activities.ts';
import { listenToPeople } from './request-updates.ts';
import { searchableRequest } from './search-attributes.ts';
import { sendNotifications } from './tell-people.ts';
import { temporalHost } from './temporal-host.ts';
import { listenForMigration } from './version-migration.ts';

/**
 * Requests started since this marker record each step in one activity (`recordStep`); those
 * started before it replay their separate projection and notification activities.
 */
const ONE_ACTIVITY_PER_STEP = 'one-activity-per-step';

/**
 * Requests started since this marker record their first step — submitted, acknowledged, first
 * tasks open — in a local activity: the worker runs it within the first workflow task, so a
 * request reaches the inbox in one workflow task instead of two and one activity task. Only the
 * first step: nothing can come before it, so a retried first workflow task writes the same step
 * under the same sequence number, where a later step's content could change with what a retried
 * task takes in (a completion that arrived meanwhile) and the projection, kept under its first
 * content, would lose it. Later steps stay regular activities, which run only once the workflow
 * task that scheduled them is committed.
 */
const FIRST_STEP_LOCAL = 'first-step-local';

// Attempts bound the local retries (about 45 s of PostgreSQL or SMTP away), then the step goes on
// as a regular activity. No start-to-close timeout: the SDK leaks a timer per retried attempt
// that has one (temporalio/sdk-rust#1454).
const local = proxyLocalActivities<RequestActivities>({
  scheduleToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', backoffCoefficient: 2, maximumAttempts: 8 },
});

/**
 * Requests closing since this marker tell their followers (citizens who followed them instead of
 * filing the same report, reporters of duplicates merged into them) that they are solved. A history
 * that closed before it replays without that notification.
 */
const FOLLOWERS_TOLD_ON_CLOSE = 'followers-told-on-close';

/** Past this many history events the request continues as new with its state. */
const HISTORY_LIMIT = 2_000;

export async function requestWorkflow(input: RequestWorkflowInput): Promise<{ status: string; variables: Variables }> {
  const { child, resume: resumed } = input;
  const tuning = (workflowInfo().memo?.tuning ?? {}) as WorkflowTuning;
  const now = () => new Date().toISOString(); // the workflow's deterministic clock
  // One marker for a new request (each costs a history event and a search-attribute update):
  // the newer one implies the older.
  const firstStepMarker = patched(FIRST_STEP_LOCAL);
  const stepAtOnce = firstStepMarker || patched(ONE_ACTIVITY_PER_STEP);
  let firstStepLocal = firstStepMarker && !resumed;
  const inbox: Wakeup[] = [];
  let seq = resumed?.seq ?? 0;
  let received = 0; // wake-ups delivered to the inbox
  let handled = 0; // wake-ups dealt with
  let projected = 0; // wake-ups whose effects PostgreSQL shows
  const deliver = (wakeup: Wakeup): number => {
    inbox.push(wakeup);
    return ++received;
  };
  const failsAsCall = child !== undefined && !resumed && patched(CALLED_PROCESSES_FAIL);
  const host = temporalHost(input, tuning, deliver, now, requestWorkflow, (subscriptionId, message) => {
    // From the town's buffer: delivered as if just sent, if the wait is still open.
    if (!lifecycle.waits.has(subscriptionId)) return;
    const correlationKey = lifecycle.receiving(message.messageName, message.from);
    const { messageName, variables } = message;
    deliver({
      kind: 'engine',
      event: { type: 'messageReceived', messageName, correlationKey, variables, time: now() },
    });
  });
  const lifecycle = new RequestLifecycle(
    {
      ...input,
      child: child && { scope: child.scope },
      start: resumed
        ? undefined
        : {
            variables: input.variables,
            time: now(),
            startEventId: input.startEventId,
            failsAsCall,
          },
    },
    host,
  );
  const toNotifyInput = (notices: Notice[]): NotifyInput[] =>
    notices.map((n) => ({
      ...n,
      requestId: input.requestId,
      municipalityId: input.municipalityId,
      texts: input.texts,
    }));

  setHandler(snapshotQuery, () => ({
    status: lifecycle.status,
    openTasks: [...lifecycle.openTasks.values()],
    variables: lifecycle.variables,
    waitingFor: [...lifecycle.waits.values()].map((w) => w.messageName),
    clocks: [...lifecycle.clocks.values()],
    incidents: [...lifecycle.incidents.values()],
    // A query adds nothing to history: what it answers may grow without a patch.
    activeElements: activeElementsOf(lifecycle.step.state),
    timers: [...lifecycle.timers.values()],
  }));

  // Updates that came before their handlers were set are validated as they are set. A request
  // whose first step is local sets them once that step is taken: its task shows in the inbox
  // before its first workflow task is committed, so a completion may reach a retried first task
  // (worker or Temporal down meanwhile), and must find the task open there.
  let listening = false;
  /** the version an analyst moved the request to: the workflow continues as new on it */
  let migratedTo: MigrateVersionArgs['target'] | undefined;
  const listen = () => {
    if (listening) return;
    listening = true;
    const wakeUp = async (wakeup: Wakeup) => {
      const position = deliver(wakeup);
      await condition(() => projected >= position);
      return { accepted: true as const };
    };
    listenToPeople(input, lifecycle, wakeUp, now);
    if (!child)
      listenForMigration(input, lifecycle, wakeUp, (target) => {
        migratedTo = target;
      });
  };
  if (!firstStepLocal) listen();

  const projectionOf = (record: StepRecord, at: string): StepProjection => ({
    requestId: input.requestId,
    municipalityId: input.municipalityId,
    seq: ++seq,
    at,
    scope: child?.scope ?? '',
    workflowId: child ? workflowInfo().workflowId : undefined,
    ...record,
  });

  lifecycle.begin();
  if (!stepAtOnce && !resumed && !child) {
    // Requests started before one activity per step projected their submission on its own.
    const submission = lifecycle.takeSubmission();
    await io.projectStep({
      requestId: input.requestId,
      municipalityId: input.municipalityId,
      seq: ++seq,
      at: now(),
      openedTasks: [],
      closedTasks: [],
      ...submission,
    });
    lifecycle.told(await sendNotifications(toNotifyInput(lifecycle.takeNotices())));
  }

  const searchable = child
    ? undefined
    : searchableRequest({ ...input, processId: input.ir.processId }, resumed !== undefined);
  for (;;) {
    lifecycle.settle(now(), () => patched(FOLLOWERS_TOLD_ON_CLOSE));
    const told = stepAtOnce ? [] : await sendNotifications(toNotifyInput(lifecycle.takeNotices()));
    const record = lifecycle.takeRecord(told);
    searchable?.(record?.request);
    // Only now: what a waiting update's handler writes (a completion's timeline event) belongs to
    // the next step, not to this one, which a retried first task must write again unchanged.
    listen();
    if (stepAtOnce) {
      const notifications = toNotifyInput(lifecycle.takeNotices());
      if (record || notifications.length > 0) {
        const at = now();
        const projection = record ? projectionOf(record, at) : undefined;
        const toldSeq = notifications.length > 0 ? ++seq : seq;
        const scope = child?.scope ?? '';
        const step = {
          projection,
          notifications,
          told: { requestId: input.requestId, municipalityId: input.municipalityId, seq: toldSeq, scope, at },
        };
        if (firstStepLocal) await local.recordStep(step).catch(() => io.recordStep(step));
        else await io.recordStep(step);
      }
      firstStepLocal = false;
    } else if (record) {
      await io.projectStep(projectionOf(record, now()));
    }
    projected = handled;
    if (lifecycle.status !== 'active') {
      await host.published();
      await condition(allHandlersFinished);
      if (child && patched(CALLED_PROCESSES_FAIL)) failAsCall(lifecycle);
      return { status: lifecycle.status, variables: lifecycle.variables };
    }

    // Child workflows belong to this run: continue as new only when no call activity runs. A request
    // moved to another version runs it from its next run on (its blockers exclude running calls and jobs).
    const historyLong = workflowInfo().historyLength > (tuning.historyLimit ?? HISTORY_LIMIT);
    if ((historyLong || migratedTo) && inbox.length === 0 && host.callsRunning() === 0) {
      await host.published();
      await condition(allHandlersFinished);
      // The memo carries the tuning on (tests and demos).
      const continued = makeContinueAsNewFunc<typeof requestWorkflow>({
        memo: workflowInfo().memo,
        workflowTaskTimeout: REQUEST_WORKFLOW_TASK_TIMEOUT,
      });
      const version = migratedTo
        ? {
            ir: migratedTo.ir,
            forms: migratedTo.forms,
            texts: migratedTo.texts,
            procedureVersionId: migratedTo.procedureVersionId,
          }
        : {};
      await continued({ ...input, ...version, resume: { ...lifecycle.resumeState(), seq } });
    }

    await condition(() => inbox.length > 0);
    lifecycle.wake(inbox.shift()!, now());
    handled++;
  }
}

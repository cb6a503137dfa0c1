// Sandbox-safe: the one workflow that runs any procedure. It feeds events to the engine core and
// turns the engine's commands into Temporal primitives; every side effect is an activity.
import {
  addBusinessTime,
  type BusinessAmount,
  type Command,
  type EngineEvent,
  elementProperties,
  handle,
  implicitDecisionDate,
  procedureSettings,
  readSla,
  type Step,
  start,
  startOfLocalDay,
  timerBusinessDelay,
  type Variables,
} from '@parvis/engine/runtime';
import {
  allHandlersFinished,
  CancellationScope,
  condition,
  continueAsNew,
  executeChild,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { RequestActivities } from '../activities/index.ts';
import type { NotifyInput } from '../activities/notify.ts';
import type { RequestChanges, StepProjection, TimelineEntry } from '../activities/project-step.ts';
import { BPMN_ERROR } from '../jobs/bpmn-error.ts';
import {
  type CompleteTaskArgs,
  type CorrectDataArgs,
  completeTaskUpdate,
  correctDataUpdate,
  type DeliverMessageArgs,
  deliverMessageUpdate,
  type MergeIntoArgs,
  type MessageWait,
  mergeIntoUpdate,
  type OpenIncident,
  type OpenTask,
  type PendingTimer,
  type RequestWorkflowInput,
  type ResolveIncidentArgs,
  resolveIncidentUpdate,
  snapshotQuery,
} from '../messages.ts';
import { validateMerge } from './merge-into.ts';
import { collectProjection } from './projection.ts';
import { signedEntry } from './signed-entry.ts';
import { nextAlarm, pause, resume, type SlaClock } from './sla-clock.ts';
import { validateCompletion, validateCorrection, validateMessage, validateResolution } from './validators.ts';

const io = proxyActivities<RequestActivities>({
  startToCloseTimeout: '30 seconds',
  // Every 10 s at most: projections catch up soon after PostgreSQL is back.
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', backoffCoefficient: 2 },
});

// Notifications retry until their services are back; a message a server refuses becomes an
// incident after a few attempts (notifications/rejection.ts), and the request goes on.
const notifications = proxyActivities<RequestActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', backoffCoefficient: 2 },
});

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
 * Requests take corrections of their data (correctData) since this marker, set when the first one
 * is handled. A history recorded before holds no such update (one no handler takes is refused
 * before it enters history), so it replays unchanged; one that holds it replays with its handler.
 */
const DATA_CORRECTIONS = 'data-corrections';

/**
 * Requests may be merged into another (mergeInto) since this marker, set when the first merge is
 * handled: a history recorded before holds no such update, so it replays unchanged.
 */
const MERGES = 'merges';

/**
 * Requests closing since this marker tell their followers (citizens who followed them instead of
 * filing the same report, reporters of duplicates merged into them) that they are solved. A history
 * that closed before it replays without that notification.
 */
const FOLLOWERS_TOLD_ON_CLOSE = 'followers-told-on-close';

/** Past this many history events the request continues as new with its state. */
const HISTORY_LIMIT = 2_000;

/** What wakes the workflow: an engine event, or one of the clocks it keeps itself. */
type Wakeup =
  | { kind: 'engine'; event: EngineEvent }
  | { kind: 'sla'; clock: string; stage: 'atRisk' | 'breached' }
  | { kind: 'implicitDecision' };

const REQUEST_CLOCK = 'request';

export async function requestWorkflow(input: RequestWorkflowInput): Promise<{ status: string; variables: Variables }> {
  const { ir, calendar, child } = input;
  const now = () => new Date().toISOString(); // the workflow's deterministic clock
  const { settings } = procedureSettings(ir.properties);
  // One marker for a new request (each costs a history event and a search-attribute update):
  // the newer one implies the older.
  const firstStepMarker = patched(FIRST_STEP_LOCAL);
  const stepAtOnce = firstStepMarker || patched(ONE_ACTIVITY_PER_STEP);
  let firstStepLocal = firstStepMarker && !input.resume;
  // A call activity's child runs tasks; the request's deadline and legal clocks stay with its parent.
  const implicitDate =
    settings.silence === 'none' || child
      ? undefined
      : implicitDecisionDate(input.submittedAt, { months: settings.silenceMonths }, calendar.timeZone);
  const scope = child?.scope ?? '';
  const taskKeyOf = (engineTaskId: string) => (scope ? `${scope}/${engineTaskId}` : engineTaskId);
  const engineTaskIdOf = (taskKey: string) => (scope ? taskKey.slice(scope.length + 1) : taskKey);
  const resumed = input.resume;
  const openTasks = new Map<string, OpenTask>((resumed?.openTasks ?? []).map((t) => [t.taskKey, t]));
  const timers = new Map<string, PendingTimer>((resumed?.timers ?? []).map((t) => [t.timerId, t]));
  const clocks = new Map<string, SlaClock>((resumed?.clocks ?? []).map((c) => [c.key, c]));
  const waits = new Map<string, MessageWait>((resumed?.waits ?? []).map((w) => [w.subscriptionId, w]));
  const incidents = new Map<string, OpenIncident>((resumed?.incidents ?? []).map((i) => [i.incidentId, i]));
  let implicitDecisionPending = resumed?.implicitDecisionPending ?? implicitDate !== undefined;
  const alarms = new Map<string, CancellationScope>();
  const jobs = new Map<string, CancellationScope>();
  const calls = new Map<string, CancellationScope>();
  const completedBy = new Map<string, string>();
  const correctionsTaken = new Set<string>();
  /** the main request's tracking code, once this one is merged into it */
  let mergedInto: string | undefined;
  const inbox: Wakeup[] = [];
  const timeline: TimelineEntry[] = [];
  const requestChanges: RequestChanges = {};
  const taskSla = new Map<string, { taskKey: string; dueAt: string; slaState: string }>();
  const toNotify: NotifyInput[] = [];
  let seq = resumed?.seq ?? 0;
  let received = 0; // wake-ups delivered to the inbox
  let handled = 0; // wake-ups dealt with
  let projected = 0; // wake-ups whose effects PostgreSQL shows

  let step: Step = resumed
    ? { state: resumed.state, commands: [] }
    : start(ir, {
        // Models can quote the tracking code (e-mails written in send tasks, documents).
        variables: { ...input.variables, trackingCode: input.trackingCode },
        time: now(),
        startEventId: input.startEventId,
      });

  const deliver = (wakeup: Wakeup): number => {
    inbox.push(wakeup);
    return ++received;
  };

  // --- alarms: engine timers and the clocks the workflow keeps (SLA, implicit decision)
  const setAlarm = (id: string, fireAt: string, wakeup: Wakeup) => {
    alarms.get(id)?.cancel();
    const alarm = new CancellationScope();
    alarms.set(id, alarm);
    alarm
      .run(() => sleep(Math.max(0, Date.parse(fireAt) - Date.now()) / (input.clockScale ?? 1)))
      .then(
        () => {
          alarms.delete(id);
          deliver(wakeup);
        },
        () => {}, // cancelled
      );
  };
  const clearAlarm = (id: string) => {
    alarms.get(id)?.cancel();
    alarms.delete(id);
  };
  const armClock = (clock: SlaClock) => {
    clocks.set(clock.key, clock);
    const alarm = nextAlarm(clock);
    if (alarm) setAlarm(`sla:${clock.key}`, alarm.at, { kind: 'sla', clock: clock.key, stage: alarm.stage });
    else clearAlarm(`sla:${clock.key}`);
  };
  const armTimer = (timer: PendingTimer) => {
    timers.set(timer.timerId, timer);
    setAlarm(`timer:${timer.timerId}`, timer.fireAt, {
      kind: 'engine',
      event: { type: 'timerFired', timerId: timer.timerId, time: timer.fireAt },
    });
  };

  /**
   * When an engine timer rings: after its ISO duration, or — `timer.businessDays` / `timer.businessHours`
   * on its event — after that business time on the municipality's calendar, counted like a task's SLA.
   * Models without the property arm exactly the timers they did before.
   */
  const timerFireAt = (command: Extract<Command, { type: 'startTimer' }>) => {
    const delay = timerBusinessDelay(ir, command.elementId);
    return delay ? addBusinessTime(now(), delay, calendar) : command.fireAt;
  };

  // --- messages in: queries and updates
  setHandler(snapshotQuery, () => ({
    status: step.state.status,
    openTasks: [...openTasks.values()],
    variables: step.state.variables,
    waitingFor: [...waits.values()].map((w) => w.messageName),
    clocks: [...clocks.values()],
    incidents: [...incidents.values()],
  }));

  /** An update's engine event, answered once PostgreSQL shows its effects. */
  const settle = async (event: EngineEvent) => {
    const position = deliver({ kind: 'engine', event });
    await condition(() => projected >= position);
    return { accepted: true as const };
  };

  // Updates that came before their handlers were set are validated as they are set. A request
  // whose first step is local sets them once that step is taken: its task shows in the inbox
  // before its first workflow task is committed, so a completion may reach a retried first task
  // (worker or Temporal down meanwhile), and must find the task open there.
  let listening = false;
  const listen = () => {
    if (listening) return;
    listening = true;
    setHandler(
      completeTaskUpdate,
      async (args: CompleteTaskArgs) => {
        const task = openTasks.get(args.taskKey)!;
        completedBy.set(task.taskKey, args.actor.displayName);
        timeline.push({
          kind: 'taskCompleted',
          payload: { taskKey: task.taskKey, name: task.name ?? task.elementId, by: args.actor.displayName },
        });
        if (args.signature) timeline.push(signedEntry(task, args));
        return settle({
          type: 'taskCompleted',
          taskId: engineTaskIdOf(task.taskKey),
          variables: cleanCompletion(input, task, args),
          time: now(),
        });
      },
      { validator: (args: CompleteTaskArgs) => validateCompletion(input, openTasks, args) },
    );

    setHandler(
      deliverMessageUpdate,
      async (args: DeliverMessageArgs) => {
        timeline.push({ kind: 'messageReceived', payload: { message: args.messageName, from: args.from } });
        // A message sent to this request is for this request: it carries the key its wait expects.
        const wait = [...waits.values()].find((w) => w.messageName === args.messageName);
        return settle({
          type: 'messageReceived',
          messageName: args.messageName,
          correlationKey: wait?.correlationKey,
          variables: args.variables,
          time: now(),
        });
      },
      { validator: (args: DeliverMessageArgs) => validateMessage(input, waits, args) },
    );

    setHandler(
      correctDataUpdate,
      async (args: CorrectDataArgs) => {
        patched(DATA_CORRECTIONS);
        correctionsTaken.add(args.correctionId);
        // Hash-chained like every event: the data a signer saw stays provable after the change.
        timeline.push({
          kind: 'dataCorrected',
          payload: {
            correction: args.correctionId,
            fields: Object.keys(args.values),
            dataHashBefore: args.dataHashBefore,
            dataHashAfter: args.dataHashAfter,
          },
        });
        return settle({ type: 'dataCorrected', variables: args.values, time: now() });
      },
      { validator: (args: CorrectDataArgs) => validateCorrection(input, correctionsTaken, args) },
    );

    setHandler(
      mergeIntoUpdate,
      async (args: MergeIntoArgs) => {
        patched(MERGES);
        mergedInto = args.mainTrackingCode;
        timeline.push({
          kind: 'mergedInto',
          payload: { trackingCode: args.mainTrackingCode, by: args.actor.displayName },
        });
        toNotify.push(
          notice('mergedInto', 'mergedInto', { citizen: input.citizen }, { mainTrackingCode: args.mainTrackingCode }),
        );
        return settle({ type: 'cancelled', time: now() });
      },
      { validator: (args: MergeIntoArgs) => validateMerge(input, step.state.status, args) },
    );

    setHandler(
      resolveIncidentUpdate,
      async (args: ResolveIncidentArgs) => {
        incidents.delete(args.incidentId);
        timeline.push({
          kind: 'incidentResolved',
          payload: { incidentId: args.incidentId, by: args.actor.displayName },
        });
        return settle({
          type: 'incidentResolved',
          incidentId: args.incidentId,
          variables: args.variables,
          time: now(),
        });
      },
      { validator: (args: ResolveIncidentArgs) => validateResolution(input, incidents, args) },
    );
  };
  if (!firstStepLocal) listen();

  // --- commands out
  const openTask = (command: Extract<Command, { type: 'openTask' }>) => {
    const taskSlaAmount: BusinessAmount | undefined = readSla(command.properties, []);
    const dueAt = taskSlaAmount ? addBusinessTime(now(), taskSlaAmount, calendar) : command.dueDate;
    const task: OpenTask = {
      taskKey: taskKeyOf(command.taskId),
      elementId: command.elementId,
      name: command.name,
      candidateGroups: command.candidateGroups,
      candidateUsers: command.candidateUsers,
      assignee: command.assignee,
      formId: command.formId ?? command.formKey,
      dueAt,
    };
    openTasks.set(task.taskKey, task);
    if (dueAt)
      armClock({
        key: `task:${task.taskKey}`,
        startedAt: now(),
        dueAt,
        atRiskRatio: settings.atRiskRatio,
        stage: 'onTime',
      });
    if (task.candidateGroups.length > 0) {
      toNotify.push(
        notice(
          `taskOpened:${task.taskKey}`,
          'taskOpened',
          { groups: task.candidateGroups },
          { task: task.name ?? task.elementId, groups: task.candidateGroups, dueAt },
        ),
      );
    }
  };

  const closeTask = (taskKey: string) => {
    openTasks.delete(taskKey);
    clocks.delete(`task:${taskKey}`);
    clearAlarm(`sla:task:${taskKey}`);
  };

  const waitForMessage = (command: Extract<Command, { type: 'waitMessage' }>) => {
    const pausesSla = elementProperties(ir, command.elementId)['sla.pauses'] === 'true';
    waits.set(command.subscriptionId, {
      subscriptionId: command.subscriptionId,
      elementId: command.elementId,
      messageName: command.messageName,
      correlationKey: command.correlationKey,
      pausesSla,
    });
    const clock = clocks.get(REQUEST_CLOCK);
    if (pausesSla && clock && !clock.pausedFrom) {
      armClock(pause(clock, now()));
      requestChanges.slaState = 'paused';
      timeline.push({ kind: 'slaPaused', payload: { waitingFor: command.messageName } });
    }
  };

  const stopWaiting = (subscriptionId: string) => {
    const wait = waits.get(subscriptionId);
    waits.delete(subscriptionId);
    const clock = clocks.get(REQUEST_CLOCK);
    const stillPaused = [...waits.values()].some((w) => w.pausesSla);
    if (wait?.pausesSla && clock?.pausedFrom && !stillPaused) {
      const running = resume(clock, now(), calendar);
      armClock(running);
      Object.assign(requestChanges, { dueAt: running.dueAt, slaState: running.stage });
      timeline.push({ kind: 'slaResumed', payload: { dueAt: running.dueAt } });
    }
  };

  const runJob = (command: Extract<Command, { type: 'runJob' }>) => {
    const jobScope = new CancellationScope();
    jobs.set(command.jobId, jobScope);
    const worker = proxyActivities<RequestActivities>({
      startToCloseTimeout: '5 minutes',
      retry: { maximumAttempts: Math.max(1, command.retries), initialInterval: '1 second' },
    });
    jobScope
      .run(() => worker.runJob({ requestId: input.requestId, municipalityId: input.municipalityId, ...command }))
      .then(
        (variables) =>
          deliver({ kind: 'engine', event: { type: 'jobCompleted', jobId: command.jobId, variables, time: now() } }),
        (error: unknown) => {
          if (jobScope.consideredCancelled) return;
          const failure = error as {
            cause?: { type?: string; message?: string; details?: unknown[] };
            message?: string;
          };
          // Only a job that throws a BPMN error on purpose takes the model's error path; any other failure is an incident.
          const bpmnError =
            failure.cause?.type === BPMN_ERROR ? (failure.cause.details?.[0] as { errorCode?: string }) : undefined;
          deliver({
            kind: 'engine',
            event: {
              type: 'jobFailed',
              jobId: command.jobId,
              message: failure.cause?.message ?? failure.message ?? String(error),
              errorCode: bpmnError?.errorCode,
              time: now(),
            },
          });
        },
      )
      .finally(() => jobs.delete(command.jobId));
  };

  /** A call activity runs the called procedure's latest version as a child workflow of this one. */
  const startCall = (command: Extract<Command, { type: 'startCall' }>) => {
    const callScope = new CancellationScope();
    calls.set(command.callId, callScope);
    callScope
      .run(async () => {
        const called = await io.loadCalledProcedure({
          municipalityId: input.municipalityId,
          processId: command.processId,
        });
        return executeChild(requestWorkflow, {
          workflowId: `${workflowInfo().workflowId}/${command.callId}`,
          args: [
            {
              ...input,
              ir: called.ir,
              forms: called.forms,
              texts: called.texts,
              procedureTitle: called.title,
              variables: command.variables,
              resume: undefined,
              child: { callId: command.callId, scope: taskKeyOf(command.callId) },
            },
          ],
        });
      })
      .then(
        (result) =>
          deliver({
            kind: 'engine',
            event: { type: 'callCompleted', callId: command.callId, variables: result.variables, time: now() },
          }),
        (error: unknown) => {
          if (callScope.consideredCancelled) return;
          const failure = error as { cause?: { message?: string; cause?: { message?: string } }; message?: string };
          const message = failure.cause?.cause?.message ?? failure.cause?.message ?? failure.message ?? String(error);
          deliver({ kind: 'engine', event: { type: 'callFailed', callId: command.callId, message, time: now() } });
        },
      )
      .finally(() => calls.delete(command.callId));
  };

  const apply = (command: Command) => {
    switch (command.type) {
      case 'openTask':
        return openTask(command);
      case 'cancelTask':
        return closeTask(taskKeyOf(command.taskId));
      case 'startTimer':
        return armTimer({ timerId: command.timerId, elementId: command.elementId, fireAt: timerFireAt(command) });
      case 'cancelTimer':
        timers.delete(command.timerId);
        return clearAlarm(`timer:${command.timerId}`);
      case 'waitMessage':
        return waitForMessage(command);
      case 'cancelMessageWait':
        return stopWaiting(command.subscriptionId);
      case 'runJob':
        return runJob(command);
      case 'cancelJob':
        return jobs.get(command.jobId)?.cancel();
      case 'startCall':
        return startCall(command);
      case 'cancelCall':
        return calls.get(command.callId)?.cancel();
      case 'incident':
        incidents.set(command.incidentId, {
          incidentId: command.incidentId,
          elementId: command.elementId,
          code: command.code,
          message: command.message,
        });
        return;
      default:
        return;
    }
  };

  const notice = (
    key: string,
    event: NotifyInput['event'],
    audience: NotifyInput['audience'],
    facts: Partial<NotifyInput['facts']> = {},
  ): NotifyInput => ({
    requestId: input.requestId,
    municipalityId: input.municipalityId,
    key,
    event,
    audience,
    texts: input.texts,
    facts: {
      trackingCode: input.trackingCode,
      procedureTitle: input.procedureTitle,
      receivedAt: input.submittedAt,
      dueAt: clocks.get(REQUEST_CLOCK)?.dueAt,
      silence: settings.silence,
      implicitDecisionDate: implicitDate,
      citizenEmail: input.citizen.email,
      ...facts,
    },
  });

  /** Sends what this step must tell people; a notification that keeps failing is an incident, not a stop. */
  const sendNotifications = async (): Promise<TimelineEntry[]> => {
    const entries: TimelineEntry[] = [];
    for (const notification of toNotify.splice(0)) {
      try {
        const told = await notifications.notify(notification);
        const kind = notification.event === 'acknowledgement' ? 'acknowledged' : 'notified';
        if (told.recipients.length > 0) entries.push({ kind, payload: { event: notification.event, ...told } });
      } catch (error) {
        const message = (error as { cause?: { message?: string } }).cause?.message ?? String(error);
        entries.push({ kind: 'incident', payload: { what: 'notification', event: notification.event, message } });
      }
    }
    return entries;
  };

  // --- the SLA and legal clocks
  const onSla = (key: string, stage: 'atRisk' | 'breached') => {
    const clock = clocks.get(key);
    if (!clock || clock.pausedFrom) return;
    armClock({ ...clock, stage });
    const taskKey = key.startsWith('task:') ? key.slice(5) : undefined;
    const task = taskKey ? openTasks.get(taskKey) : undefined;
    const concerned = task ? [task] : [...openTasks.values()];
    const groups = [...new Set(concerned.flatMap((t) => t.candidateGroups))];
    const names = concerned.map((t) => t.name ?? t.elementId);
    if (task) taskSla.set(task.taskKey, { taskKey: task.taskKey, dueAt: clock.dueAt, slaState: stage });
    else requestChanges.slaState = stage;
    timeline.push({
      kind: stage === 'atRisk' ? 'slaAtRisk' : 'slaBreached',
      payload: { clock: key, dueAt: clock.dueAt },
    });
    const audience = stage === 'atRisk' ? { groups } : { managersOf: groups };
    toNotify.push(
      notice(`sla:${key}:${stage}`, stage === 'atRisk' ? 'slaReminder' : 'slaBreached', audience, {
        dueAt: clock.dueAt,
        tasks: names,
      }),
    );
  };

  const onImplicitDecision = () => {
    implicitDecisionPending = false;
    const decision = settings.silence === 'acceptance' ? 'acceptance' : 'refusal';
    requestChanges.implicitDecision = decision;
    timeline.push({ kind: 'implicitDecision', payload: { decision, date: implicitDate } });
    toNotify.push(notice('implicitDecision', 'implicitDecision', { citizen: input.citizen }));
  };

  // --- start or resume
  for (const timer of timers.values()) armTimer(timer);
  for (const clock of clocks.values()) armClock(clock);
  if (implicitDate && implicitDecisionPending)
    setAlarm('implicitDecision', startOfLocalDay(implicitDate, calendar.timeZone), { kind: 'implicitDecision' });

  if (!resumed && !child) {
    if (settings.sla) {
      const dueAt = addBusinessTime(input.submittedAt, settings.sla, calendar);
      armClock({
        key: REQUEST_CLOCK,
        startedAt: input.submittedAt,
        dueAt,
        atRiskRatio: settings.atRiskRatio,
        stage: 'onTime',
      });
    }
    const submitted: RequestChanges = {
      status: 'submitted',
      dueAt: clocks.get(REQUEST_CLOCK)?.dueAt,
      silenceRegime: settings.silence,
      implicitDecisionAt: implicitDate ? startOfLocalDay(implicitDate, calendar.timeZone) : undefined,
    };
    const entry = {
      kind: 'submitted',
      payload: { procedure: input.procedureTitle.fr, trackingCode: input.trackingCode },
    };
    // The acknowledgement is the first message the request sends (CRPA art. L112-3).
    toNotify.push(notice('acknowledgement', 'acknowledgement', { citizen: input.citizen }));
    if (stepAtOnce) {
      Object.assign(requestChanges, submitted);
      timeline.push(entry);
    } else {
      await io.projectStep({
        requestId: input.requestId,
        municipalityId: input.municipalityId,
        seq: ++seq,
        at: now(),
        request: submitted,
        openedTasks: [],
        closedTasks: [],
        timeline: [entry],
      });
      timeline.push(...(await sendNotifications()));
    }
  }

  let before = new Map(openTasks); // the open tasks PostgreSQL shows
  for (;;) {
    for (const command of step.commands) apply(command);
    if (step.state.status !== 'active') {
      for (const id of [...alarms.keys()]) clearAlarm(id);
      if (implicitDecisionPending) requestChanges.implicitDecisionAt = undefined;
      // Solved: whoever follows it hears so (a merged duplicate is not solved: its reporter follows the main one).
      if (!child && !mergedInto && patched(FOLLOWERS_TOLD_ON_CLOSE))
        toNotify.push(notice('requestClosed', 'requestClosed', { followersOf: input.requestId }, { closedAt: now() }));
    }
    const told = stepAtOnce ? [] : await sendNotifications();
    const projection = collectProjection(
      step,
      before,
      openTasks,
      completedBy,
      timeline.splice(0),
      told,
      Boolean(child),
    );
    // Only now: what a waiting update's handler writes (a completion's timeline event) belongs to
    // the next step, not to this one, which a retried first task must write again unchanged.
    listen();
    const changes = { ...requestChanges, ...projection?.request };
    const projecting = projection || Object.keys(requestChanges).length > 0 || taskSla.size > 0;
    const projectionOf = (at: string): StepProjection => ({
      requestId: input.requestId,
      municipalityId: input.municipalityId,
      seq: ++seq,
      at,
      scope,
      workflowId: child ? workflowInfo().workflowId : undefined,
      openedTasks: [],
      closedTasks: [],
      timeline: [],
      ...projection,
      request: changes,
      taskSla: [...taskSla.values()],
    });
    if (stepAtOnce) {
      const notifications = toNotify.splice(0);
      if (projecting || notifications.length > 0) {
        const at = now();
        const recorded = projecting ? projectionOf(at) : undefined;
        const toldSeq = notifications.length > 0 ? ++seq : seq;
        const record = {
          projection: recorded,
          notifications,
          told: { requestId: input.requestId, municipalityId: input.municipalityId, seq: toldSeq, scope, at },
        };
        if (firstStepLocal) await local.recordStep(record).catch(() => io.recordStep(record));
        else await io.recordStep(record);
      }
      firstStepLocal = false;
    } else if (projecting) {
      await io.projectStep(projectionOf(now()));
    }
    for (const key of Object.keys(requestChanges)) delete requestChanges[key as keyof RequestChanges];
    taskSla.clear();
    projected = handled;
    if (step.state.status !== 'active') {
      await condition(allHandlersFinished);
      return { status: step.state.status, variables: step.state.variables };
    }

    // Child workflows belong to this run: continue as new only when no call activity runs.
    const historyLong = workflowInfo().historyLength > (input.historyLimit ?? HISTORY_LIMIT);
    if (historyLong && inbox.length === 0 && calls.size === 0) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof requestWorkflow>({
        ...input,
        resume: {
          state: step.state,
          seq,
          openTasks: [...openTasks.values()],
          timers: [...timers.values()],
          clocks: [...clocks.values()],
          waits: [...waits.values()],
          incidents: [...incidents.values()],
          implicitDecisionPending,
        },
      });
    }

    await condition(() => inbox.length > 0);
    const wakeup = inbox.shift()!;
    before = new Map(openTasks);
    step = { state: step.state, commands: [] };
    if (wakeup.kind === 'sla') onSla(wakeup.clock, wakeup.stage);
    else if (wakeup.kind === 'implicitDecision') onImplicitDecision();
    else {
      const event = wakeup.event;
      if (event.type === 'taskCompleted') closeTask(taskKeyOf(event.taskId));
      if (event.type === 'timerFired') timers.delete(event.timerId);
      if (event.type === 'dataCorrected') requestChanges.data = { ...event.variables };
      if (event.type === 'messageReceived') {
        const wait = [...waits.values()].find((w) => w.messageName === event.messageName);
        if (wait) stopWaiting(wait.subscriptionId);
      }
      step = handle(ir, step.state, event);
    }
    handled++;
  }
}

function cleanCompletion(input: RequestWorkflowInput, task: OpenTask, args: CompleteTaskArgs) {
  return validateCompletion(input, new Map([[task.taskKey, task]]), args);
}

// Sandbox-safe: the request's rules, written once — its clocks (SLA, pause while the citizen is
// asked, implicit decision), what it tells whom and when, and what each engine command means for
// it. Pure and deterministic like the interpreter: every call carries its time, and what must happen
// outside (alarms, jobs, calls) is asked of a host (the Temporal workflow, the dry run, the simulator).

import { addBusinessTime } from '../calendar/business-time.ts';
import type { BusinessCalendar } from '../calendar/index.ts';
import { legalDeadline } from '../calendar/legal-delay.ts';
import { startOfLocalDay } from '../calendar/local-day.ts';
import { elementProperties } from '../compiler/element-properties.ts';
import type { NotificationFacts } from '../notifications/describe.ts';
import { procedureSettings, readSla, serviceGroup, timerBusinessDelay } from '../procedure/settings.ts';
import { activeElementsOf } from '../runtime/inspect.ts';
import { handle, start } from '../runtime/interpreter.ts';
import { idleState } from '../runtime/state.ts';
import type { Command, ProcessIR, ProcessState, Step, Variables } from '../runtime/types.ts';
import { nextAlarm, pause, resume, type SlaClock } from './clocks.ts';
import { type CompletenessState, completenessRefusal, type Piece } from './completeness.ts';
import { collectStepRecord } from './step-record.ts';
import type {
  CitizenContact,
  LifecycleHost,
  LifecycleResume,
  MessageWait,
  Notice,
  NoticeAudience,
  OpenIncident,
  OpenTask,
  PendingTimer,
  RequestChanges,
  StepRecord,
  TimelineEntry,
  Wakeup,
} from './types.ts';
import { elementIdMapper, migrateState, type VersionMapping } from './version-migration.ts';

/** The request's own SLA clock; a task's is `task:<task key>`. */
export const REQUEST_CLOCK = 'request';

export interface RequestLifecycleInput {
  ir: ProcessIR;
  /** the municipality's business calendar: time zone, Alsace-Moselle, closures */
  calendar: BusinessCalendar;
  requestId: string;
  trackingCode: string;
  /** when the municipality received it: the start of every legal and SLA clock */
  submittedAt: string;
  citizen: CitizenContact;
  procedureTitle: { fr: string; en: string };
  /** a call activity's called process: its task keys carry this prefix; the request's clocks stay with its parent */
  child?: { scope: string };
  /** a new request: its data and the start event a schedule fired; absent when resumed */
  start?: { variables: Variables; time: string; startEventId?: string; failsAsCall?: boolean };
  /** the state of a request continued from an earlier run */
  resume?: LifecycleResume & { state: ProcessState };
  /** trace each step (dry run, simulator) */
  trace?: boolean;
}

/** A request's life, stepped by its host: `begin`, then `settle` after each `wake`. */
export class RequestLifecycle {
  readonly openTasks: Map<string, OpenTask>;
  readonly timers: Map<string, PendingTimer>;
  readonly clocks: Map<string, SlaClock>;
  readonly waits: Map<string, MessageWait>;
  readonly incidents: Map<string, OpenIncident>;
  implicitDecisionPending: boolean;
  /** the main request's tracking code, once this one is merged into it */
  mergedInto: string | undefined;
  step: Step;

  private readonly settings;
  /** the implicit-decision day; none while the file is incomplete (CRPA art. L114-5) */
  private implicitDate: string | undefined;
  /** when silence becomes a decision: the start of the implicit-decision day, in the town's time zone */
  private implicitDecisionAt: string | undefined;
  /** pieces missing, or when the file became complete */
  private completeness: CompletenessState;
  /** the group whose department the acknowledgement names as the service in charge */
  private readonly serviceGroup: string | undefined;
  private readonly scope: string;
  private readonly completedBy = new Map<string, string>();
  private timeline: TimelineEntry[] = [];
  private changes: RequestChanges = {};
  private readonly taskSla = new Map<string, { taskKey: string; dueAt: string; slaState: string }>();
  /** engine steps that failed, by their incident: run again when it is resolved */
  private readonly engineFailures = new Map<string, Wakeup | 'start'>();
  /** how many engine steps failed, resolved or not: each incident has its own id */
  private engineFailuresSeen = 0;
  private notices: Notice[] = [];
  /** the open tasks the last record showed */
  private shown: Map<string, OpenTask>;

  constructor(
    // Not readonly: a request moved to another version (`migrating`) runs its new version's IR.
    private input: RequestLifecycleInput,
    private readonly host: LifecycleHost,
  ) {
    const { ir, resume: resumed } = input;
    this.settings = procedureSettings(ir.properties).settings;
    this.serviceGroup = serviceGroup(ir);
    this.completeness = resumed?.completeness ?? {};
    this.countImplicitFrom(
      this.completeness.incomplete ? undefined : (this.completeness.completeAt ?? input.submittedAt),
    );
    this.scope = input.child?.scope ?? '';
    this.openTasks = new Map((resumed?.openTasks ?? []).map((t) => [t.taskKey, t]));
    this.timers = new Map((resumed?.timers ?? []).map((t) => [t.timerId, t]));
    this.clocks = new Map((resumed?.clocks ?? []).map((c) => [c.key, c]));
    this.waits = new Map((resumed?.waits ?? []).map((w) => [w.subscriptionId, w]));
    this.incidents = new Map((resumed?.incidents ?? []).map((i) => [i.incidentId, i]));
    this.implicitDecisionPending =
      resumed?.implicitDecisionPending ?? (this.settings.silence !== 'none' && !input.child);
    this.shown = new Map(this.openTasks);
    for (const [incidentId, wakeup] of resumed?.engineFailures ?? []) this.engineFailures.set(incidentId, wakeup);
    this.engineFailuresSeen = resumed?.engineFailuresSeen ?? 0;
    this.step = resumed ? { state: resumed.state, commands: [] } : this.start();
  }

  /** The process starts: the engine's first step. */
  private start(): Step {
    const { ir, start: given, trackingCode, submittedAt } = this.input;
    // Models can quote the tracking code (e-mails written in send tasks, documents).
    const variables = { ...given?.variables, trackingCode };
    const time = given?.time ?? submittedAt;
    return this.engineStep(
      () =>
        start(
          ir,
          {
            variables,
            time,
            startEventId: given?.startEventId,
            ...(given?.failsAsCall ? { child: true } : {}),
          },
          this.input.trace ? { trace: true } : undefined,
        ),
      idleState(ir.processId, variables, time),
      'start',
    );
  }

  /**
   * One step of the engine. Should the engine itself fail (a fault of Parvis, not of the model), the
   * request keeps its state and holds an incident agents see; resolving it runs the step again.
   */
  private engineStep(run: () => Step, state: ProcessState, retry: Wakeup | 'start'): Step {
    try {
      return run();
    } catch (error) {
      const incidentId = `engine#${++this.engineFailuresSeen}`;
      this.engineFailures.set(incidentId, retry);
      const message = `Le moteur n'a pas pu exécuter cette étape ; un administrateur doit être prévenu. / The engine failed on this step: ${error instanceof Error ? error.message : String(error)}`;
      const elementId = this.input.ir.processId;
      return { state, commands: [{ type: 'incident', incidentId, elementId, code: 'ENGINE_FAILURE', message }] };
    }
  }

  get status(): ProcessState['status'] {
    return this.step.state.status;
  }

  get variables(): Variables {
    return this.step.state.variables;
  }

  /** The engine's task id of a task key, and back: a called process's keys carry its scope. */
  taskKeyOf(engineTaskId: string): string {
    return this.scope ? `${this.scope}/${engineTaskId}` : engineTaskId;
  }

  engineTaskIdOf(taskKey: string): string {
    return this.scope ? taskKey.slice(this.scope.length + 1) : taskKey;
  }

  /** Arms the clocks (a resumed request's too); a new request is submitted and acknowledged. */
  begin(): void {
    const { input } = this;
    for (const timer of this.timers.values()) this.armTimer(timer);
    for (const clock of this.clocks.values()) this.armClock(clock);
    if (this.implicitDecisionAt && this.implicitDecisionPending)
      this.host.setAlarm('implicitDecision', this.implicitDecisionAt, { kind: 'implicitDecision' });
    if (input.resume || input.child) return;
    const missing = this.settings.pieces.filter((p) => p.field && isBlank(this.variables[p.field]));
    if (missing.length > 0) this.becomeIncomplete(missing, 'Parvis', input.submittedAt);
    else {
      const clock = this.requestClock(input.submittedAt);
      if (clock) this.armClock(clock);
    }
    Object.assign(this.changes, {
      status: 'submitted',
      dueAt: this.clocks.get(REQUEST_CLOCK)?.dueAt,
      silenceRegime: this.settings.silence,
      implicitDecisionAt: this.implicitDecisionAt,
      ...(missing.length > 0 ? { dueAt: null, implicitDecisionAt: null, slaState: 'paused' } : {}),
    });
    this.timeline.push({
      kind: 'submitted',
      payload: { procedure: input.procedureTitle.fr, trackingCode: input.trackingCode },
    });
    // The acknowledgement is the first message the request sends (CRPA art. L112-3).
    this.notices.push(this.notice('acknowledgement', 'acknowledgement', { citizen: input.citizen }));
    if (missing.length > 0) this.tellIncomplete(input.submittedAt);
  }

  /**
   * Carries out the step's commands. When the request ends, its alarms stop and — unless it was
   * merged into another, and if `tellFollowers()` agrees (a host's versioning) — its followers hear it.
   */
  settle(at: string, tellFollowers: () => boolean = () => true): void {
    for (const command of this.step.commands) this.apply(command, at);
    if (this.status === 'active') return;
    this.host.clearAlarms();
    if (this.implicitDecisionPending) this.changes.implicitDecisionAt = undefined;
    // Solved: whoever follows it hears so (a merged duplicate is not solved: its reporter follows the main one).
    if (!this.input.child && !this.mergedInto && tellFollowers())
      this.notices.push(
        this.notice('requestClosed', 'requestClosed', { followersOf: this.input.requestId }, { closedAt: at }),
      );
  }

  /** One wake-up: a clock rings, or an engine event comes in. Call `settle` next. */
  wake(wakeup: Wakeup, at: string): void {
    this.step = { state: this.step.state, commands: [] };
    if (wakeup.kind === 'sla') {
      this.onSla(wakeup.clock, wakeup.stage);
      return;
    }
    if (wakeup.kind === 'implicitDecision') {
      this.onImplicitDecision();
      return;
    }
    if (wakeup.kind === 'fileIncomplete' || wakeup.kind === 'fileComplete') {
      this.onCompleteness(wakeup, at);
      return;
    }
    if (wakeup.kind === 'versionMigrated') return; // `migrating` did it all: the step only records it
    const event = wakeup.event;
    if (event.type === 'taskCompleted') this.closeTask(this.taskKeyOf(event.taskId));
    if (event.type === 'timerFired') this.stopTimer(event.timerId);
    if (event.type === 'dataCorrected') this.changes.data = { ...event.variables };
    if (event.type === 'messageReceived') {
      const wait = [...this.waits.values()].find((w) => w.messageName === event.messageName);
      if (wait) this.stopWaiting(wait.subscriptionId, at);
    }
    if (event.type === 'incidentResolved' && this.engineFailures.has(event.incidentId)) {
      const retry = this.engineFailures.get(event.incidentId)!;
      this.engineFailures.delete(event.incidentId);
      if (retry === 'start') this.step = this.start();
      else this.wake(retry, at);
      return;
    }
    const state = this.step.state;
    this.step = this.engineStep(
      () => handle(this.input.ir, state, event, this.input.trace ? { trace: true } : undefined),
      state,
      wakeup,
    );
  }

  // --- what people do, written down before their event reaches the engine

  /** An agent completes a task (`signed`: the timeline entry of their signature). */
  completing(task: OpenTask, by: string, signed?: TimelineEntry): void {
    this.completedBy.set(task.taskKey, by);
    this.timeline.push({
      kind: 'taskCompleted',
      payload: { taskKey: task.taskKey, name: task.name ?? task.elementId, by },
    });
    if (signed) this.timeline.push(signed);
  }

  /** A message comes for the request; answers the correlation key the wait expects. */
  receiving(messageName: string, from: string): string | undefined {
    this.timeline.push({ kind: 'messageReceived', payload: { message: messageName, from } });
    // A message sent to this request is for this request: it carries the key its wait expects.
    return [...this.waits.values()].find((w) => w.messageName === messageName)?.correlationKey;
  }

  /** A signal thrown in the town reaches the request. */
  signalled(signalName: string, from: string): void {
    this.timeline.push({ kind: 'signalReceived', payload: { signal: signalName, from } });
  }

  /** The citizen corrects the data; hash-chained like every event, so what a signer saw stays provable. */
  correcting(correction: { correctionId: string; fields: string[]; dataHashBefore: string; dataHashAfter: string }) {
    this.timeline.push({
      kind: 'dataCorrected',
      payload: {
        correction: correction.correctionId,
        fields: correction.fields,
        dataHashBefore: correction.dataHashBefore,
        dataHashAfter: correction.dataHashAfter,
      },
    });
  }

  /** An agent merges the request into another: its reporter follows that one from now on. */
  merging(mainTrackingCode: string, by: string): void {
    this.mergedInto = mainTrackingCode;
    this.timeline.push({ kind: 'mergedInto', payload: { trackingCode: mainTrackingCode, by } });
    this.notices.push(this.notice('mergedInto', 'mergedInto', { citizen: this.input.citizen }, { mainTrackingCode }));
  }

  /** `fields`: the variables given new values with the resolution (names only: values may be personal). */
  resolvingIncident(incidentId: string, by: string, fields: string[] = []): void {
    this.incidents.delete(incidentId);
    this.timeline.push({
      kind: 'incidentResolved',
      payload: { incidentId, by, ...(fields.length > 0 ? { fields } : {}) },
    });
  }

  /**
   * An analyst moves the request to another version of its procedure: the engine state and what the
   * lifecycle keeps (tasks, timers with their dates, waits, incidents) now name the new version's
   * elements. The host checked `migrationBlockers` first; the settings read from the old version
   * (SLA, silence) stay until the host runs the request on the new one (continue-as-new).
   */
  migrating(migration: {
    toIr: ProcessIR;
    mapping: VersionMapping;
    procedureVersionId: string;
    fromVersion: number;
    toVersion: number;
    by: string;
  }): void {
    const { toIr, mapping } = migration;
    const fromIr = this.input.ir;
    const id = elementIdMapper(fromIr, toIr, mapping);
    const moved = activeElementsOf(this.step.state)
      .filter((el) => id(el) !== el)
      .map((el) => ({ from: el, to: id(el) }));
    this.step = { state: migrateState(this.step.state, fromIr, toIr, mapping), commands: [] };
    for (const [key, task] of this.openTasks) this.openTasks.set(key, { ...task, elementId: id(task.elementId) });
    for (const [key, timer] of this.timers) this.timers.set(key, { ...timer, elementId: id(timer.elementId) });
    for (const [key, wait] of this.waits) this.waits.set(key, { ...wait, elementId: id(wait.elementId) });
    for (const [key, incident] of this.incidents)
      this.incidents.set(key, { ...incident, elementId: id(incident.elementId) });
    this.shown = new Map(this.openTasks);
    this.input = { ...this.input, ir: toIr };
    this.changes.procedureVersionId = migration.procedureVersionId;
    this.timeline.push({
      kind: 'versionMigrated',
      payload: { fromVersion: migration.fromVersion, toVersion: migration.toVersion, by: migration.by, moved },
    });
  }

  // --- what the host takes away after each step

  /** What the host told people, for the next record (requests that send before recording). */
  told(entries: TimelineEntry[]): void {
    this.timeline.push(...entries);
  }

  /** The submission's changes and timeline alone (requests that recorded it on its own). */
  takeSubmission(): { request: RequestChanges; timeline: TimelineEntry[] } {
    const submission = { request: this.changes, timeline: this.timeline.splice(0) };
    this.changes = {};
    return submission;
  }

  /** The notices this step sends. */
  takeNotices(): Notice[] {
    return this.notices.splice(0);
  }

  /** What this step changed for people (`notified`: what the host already sent), or undefined if nothing. */
  takeRecord(notified: TimelineEntry[] = []): StepRecord | undefined {
    const child = Boolean(this.input.child);
    const record = collectStepRecord(
      this.step,
      this.shown,
      this.openTasks,
      this.completedBy,
      this.timeline.splice(0),
      notified,
      child,
      (taskId) => this.taskKeyOf(taskId),
    );
    this.shown = new Map(this.openTasks);
    const changes = { ...this.changes, ...record?.request };
    const recording = record || Object.keys(this.changes).length > 0 || this.taskSla.size > 0;
    const taskSla = [...this.taskSla.values()];
    this.changes = {};
    this.taskSla.clear();
    if (!recording) return undefined;
    return { openedTasks: [], closedTasks: [], timeline: [], ...record, request: changes, taskSla };
  }

  /** The state a later run starts from. */
  resumeState(): LifecycleResume & { state: ProcessState } {
    return {
      state: this.step.state,
      openTasks: [...this.openTasks.values()],
      timers: [...this.timers.values()],
      clocks: [...this.clocks.values()],
      waits: [...this.waits.values()],
      incidents: [...this.incidents.values()],
      implicitDecisionPending: this.implicitDecisionPending,
      ...(this.completeness.incomplete || this.completeness.completeAt ? { completeness: this.completeness } : {}),
      ...(this.engineFailuresSeen > 0
        ? { engineFailures: [...this.engineFailures], engineFailuresSeen: this.engineFailuresSeen }
        : {}),
    };
  }

  /** The notices the clocks would send later if the request were still open then, in time order. */
  upcomingNotices(): { at: string; notice: Notice }[] {
    if (this.status !== 'active') return [];
    const upcoming: { at: string; notice: Notice }[] = [];
    for (const clock of this.clocks.values()) {
      let next = nextAlarm(clock);
      let stage = clock;
      while (next) {
        upcoming.push({ at: next.at, notice: this.slaNotice(stage.key, next.stage) });
        stage = { ...stage, stage: next.stage };
        next = nextAlarm(stage);
      }
    }
    if (this.implicitDecisionAt && this.implicitDecisionPending)
      upcoming.push({ at: this.implicitDecisionAt, notice: this.implicitNotice() });
    return upcoming.sort((a, b) => a.at.localeCompare(b.at));
  }

  // --- commands out

  private apply(command: Command, at: string): void {
    switch (command.type) {
      case 'openTask':
        this.openTask(command, at);
        break;
      case 'cancelTask':
        this.closeTask(this.taskKeyOf(command.taskId));
        break;
      case 'startTimer':
        this.armTimer({ timerId: command.timerId, elementId: command.elementId, fireAt: this.fireAt(command, at) });
        break;
      case 'cancelTimer':
        this.stopTimer(command.timerId);
        this.host.clearAlarm(`timer:${command.timerId}`);
        break;
      case 'waitMessage':
        this.waitForMessage(command, at);
        break;
      case 'cancelMessageWait':
        this.stopWaiting(command.subscriptionId, at);
        break;
      case 'runJob':
        this.host.runJob(command);
        break;
      case 'cancelJob':
        this.host.cancelJob(command.jobId);
        break;
      case 'startCall':
        this.host.startCall(command, this.taskKeyOf(command.callId));
        break;
      case 'cancelCall':
        this.host.cancelCall(command.callId);
        break;
      case 'publishMessage':
        this.host.publishMessage?.(command);
        break;
      case 'throwSignal':
        this.host.throwSignal?.(command);
        break;
      case 'incident':
        this.incidents.set(command.incidentId, {
          incidentId: command.incidentId,
          elementId: command.elementId,
          code: command.code,
          message: command.message,
        });
        break;
    }
  }

  /**
   * When an engine timer rings: after its ISO duration, or — `timer.businessDays` / `timer.businessHours`
   * on its event — after that business time on the municipality's calendar, counted like a task's SLA.
   */
  private fireAt(command: Extract<Command, { type: 'startTimer' }>, at: string): string {
    const delay = timerBusinessDelay(this.input.ir, command.elementId);
    return delay ? addBusinessTime(at, delay, this.input.calendar) : command.fireAt;
  }

  private openTask(command: Extract<Command, { type: 'openTask' }>, at: string): void {
    const sla = readSla(command.properties, []);
    const dueAt = sla ? addBusinessTime(at, sla, this.input.calendar) : command.dueDate;
    const task: OpenTask = {
      taskKey: this.taskKeyOf(command.taskId),
      elementId: command.elementId,
      name: command.name,
      candidateGroups: command.candidateGroups,
      candidateUsers: command.candidateUsers,
      assignee: command.assignee,
      formId: command.formId ?? command.formKey,
      dueAt,
    };
    this.openTasks.set(task.taskKey, task);
    this.host.taskOpened?.(task);
    if (dueAt)
      this.armClock({
        key: `task:${task.taskKey}`,
        startedAt: at,
        dueAt,
        atRiskRatio: this.settings.atRiskRatio,
        stage: 'onTime',
      });
    if (task.candidateGroups.length > 0)
      this.notices.push(
        this.notice(
          `taskOpened:${task.taskKey}`,
          'taskOpened',
          { groups: task.candidateGroups },
          {
            task: task.name ?? task.elementId,
            groups: task.candidateGroups,
            dueAt,
          },
        ),
      );
  }

  private closeTask(taskKey: string): void {
    this.openTasks.delete(taskKey);
    this.host.taskClosed?.(taskKey);
    this.clocks.delete(`task:${taskKey}`);
    this.host.clearAlarm(`sla:task:${taskKey}`);
  }

  private armTimer(timer: PendingTimer): void {
    this.timers.set(timer.timerId, timer);
    this.host.setAlarm(`timer:${timer.timerId}`, timer.fireAt, {
      kind: 'engine',
      event: { type: 'timerFired', timerId: timer.timerId, time: timer.fireAt },
    });
    this.host.timerStarted?.(timer);
  }

  private stopTimer(timerId: string): void {
    this.timers.delete(timerId);
    this.host.timerStopped?.(timerId);
  }

  private armClock(clock: SlaClock): void {
    this.clocks.set(clock.key, clock);
    const alarm = nextAlarm(clock);
    if (alarm) this.host.setAlarm(`sla:${clock.key}`, alarm.at, { kind: 'sla', clock: clock.key, stage: alarm.stage });
    else this.host.clearAlarm(`sla:${clock.key}`);
  }

  private waitForMessage(command: Extract<Command, { type: 'waitMessage' }>, at: string): void {
    const pausesSla = elementProperties(this.input.ir, command.elementId)['sla.pauses'] === 'true';
    const wait: MessageWait = {
      subscriptionId: command.subscriptionId,
      elementId: command.elementId,
      messageName: command.messageName,
      correlationKey: command.correlationKey,
      pausesSla,
    };
    this.waits.set(command.subscriptionId, wait);
    this.host.messageAwaited?.(wait);
    const clock = this.clocks.get(REQUEST_CLOCK);
    if (pausesSla && clock && !clock.pausedFrom) {
      this.armClock(pause(clock, at));
      this.changes.slaState = 'paused';
      this.timeline.push({ kind: 'slaPaused', payload: { waitingFor: command.messageName } });
    }
  }

  private stopWaiting(subscriptionId: string, at: string): void {
    const wait = this.waits.get(subscriptionId);
    this.waits.delete(subscriptionId);
    if (wait) this.host.messageNoLongerAwaited?.(wait);
    const clock = this.clocks.get(REQUEST_CLOCK);
    const stillPaused = [...this.waits.values()].some((w) => w.pausesSla);
    if (wait?.pausesSla && clock?.pausedFrom && !stillPaused) {
      const running = resume(clock, at, this.input.calendar);
      this.armClock(running);
      Object.assign(this.changes, { dueAt: running.dueAt, slaState: running.stage });
      this.timeline.push({ kind: 'slaResumed', payload: { dueAt: running.dueAt } });
    }
  }

  // --- the SLA and legal clocks

  private onSla(key: string, stage: 'atRisk' | 'breached'): void {
    const clock = this.clocks.get(key);
    if (!clock || clock.pausedFrom) return;
    this.armClock({ ...clock, stage });
    const task = key.startsWith('task:') ? this.openTasks.get(key.slice(5)) : undefined;
    if (task) this.taskSla.set(task.taskKey, { taskKey: task.taskKey, dueAt: clock.dueAt, slaState: stage });
    else this.changes.slaState = stage;
    this.timeline.push({
      kind: stage === 'atRisk' ? 'slaAtRisk' : 'slaBreached',
      payload: { clock: key, dueAt: clock.dueAt },
    });
    this.notices.push(this.slaNotice(key, stage));
  }

  /** A clock's notice: reminders go to the concerned tasks' groups, a breach to their managers. */
  private slaNotice(key: string, stage: 'atRisk' | 'breached'): Notice {
    const clock = this.clocks.get(key)!;
    const task = key.startsWith('task:') ? this.openTasks.get(key.slice(5)) : undefined;
    const concerned = task ? [task] : [...this.openTasks.values()];
    const groups = [...new Set(concerned.flatMap((t) => t.candidateGroups))];
    const audience = stage === 'atRisk' ? { groups } : { managersOf: groups };
    return this.notice(`sla:${key}:${stage}`, stage === 'atRisk' ? 'slaReminder' : 'slaBreached', audience, {
      dueAt: clock.dueAt,
      tasks: concerned.map((t) => t.name ?? t.elementId),
    });
  }

  // --- the file's completeness (CRPA art. L114-5)

  /** Why a declaration about the file would be refused now (a person reads it), or undefined. */
  completenessRefusal(declaration: { kind: 'incomplete'; pieces: Piece[] } | { kind: 'complete' }) {
    const active = this.status === 'active' && !this.input.child && !this.mergedInto;
    return completenessRefusal(declaration, this.completeness, { trackingCode: this.input.trackingCode, active });
  }

  private onCompleteness(wakeup: Extract<Wakeup, { kind: 'fileIncomplete' | 'fileComplete' }>, at: string): void {
    const declaration =
      wakeup.kind === 'fileIncomplete'
        ? { kind: 'incomplete' as const, pieces: wakeup.pieces }
        : { kind: 'complete' as const };
    if (this.completenessRefusal(declaration)) return; // hosts refuse it before; a dry run's stray click changes nothing
    if (wakeup.kind === 'fileIncomplete') {
      this.becomeIncomplete(wakeup.pieces, wakeup.by, at);
      Object.assign(this.changes, { dueAt: null, implicitDecisionAt: null, slaState: 'paused' });
      this.tellIncomplete(at);
    } else this.becomeComplete(wakeup.by, at);
  }

  /** The request's instruction clock started at `at`, when the procedure has an SLA. */
  private requestClock(at: string): SlaClock | undefined {
    if (!this.settings.sla) return undefined;
    return {
      key: REQUEST_CLOCK,
      startedAt: at,
      dueAt: addBusinessTime(at, this.settings.sla, this.input.calendar),
      atRiskRatio: this.settings.atRiskRatio,
      stage: 'onTime',
    };
  }

  /** Pieces are missing: the implicit-decision delay and the instruction clock stop until the file is complete. */
  private becomeIncomplete(pieces: Piece[], by: string, at: string): void {
    const deadline = legalDeadline(at, this.settings.completenessDelay, this.input.calendar);
    const since = this.completeness.incomplete?.since ?? at;
    const missing = pieces.map(({ id, fr, en }) => ({ id, fr, en }));
    this.completeness = { incomplete: { missing, since, by, deadline } };
    this.countImplicitFrom(undefined);
    this.host.clearAlarm('implicitDecision');
    this.clocks.delete(REQUEST_CLOCK);
    this.host.clearAlarm(`sla:${REQUEST_CLOCK}`);
    this.changes.incomplete = this.completeness.incomplete;
    this.timeline.push({
      kind: 'fileIncomplete',
      payload: { pieces: missing.map((p) => p.fr), deadline, by },
    });
  }

  private tellIncomplete(at: string): void {
    const { incomplete } = this.completeness;
    this.notices.push(
      this.notice(
        `fileIncomplete:${at}`,
        'fileIncomplete',
        { citizen: this.input.citizen },
        {
          missingPieces: incomplete!.missing,
          piecesDeadline: incomplete!.deadline,
        },
      ),
    );
  }

  /** The file is complete: the implicit-decision delay and the instruction clock start now. */
  private becomeComplete(by: string, at: string): void {
    this.completeness = { completeAt: at };
    this.countImplicitFrom(at);
    if (this.implicitDecisionAt && this.implicitDecisionPending)
      this.host.setAlarm('implicitDecision', this.implicitDecisionAt, { kind: 'implicitDecision' });
    const clock = this.requestClock(at);
    if (clock) {
      // Still waiting for the citizen on another count: the clock starts paused.
      const waiting = [...this.waits.values()].some((w) => w.pausesSla);
      this.armClock(waiting ? pause(clock, at) : clock);
    }
    Object.assign(this.changes, {
      completeAt: at,
      incomplete: null,
      dueAt: this.clocks.get(REQUEST_CLOCK)?.dueAt ?? null,
      slaState: this.clocks.get(REQUEST_CLOCK)?.pausedFrom ? 'paused' : 'onTime',
      implicitDecisionAt: this.implicitDecisionAt ?? null,
    });
    this.timeline.push({
      kind: 'fileComplete',
      payload: { completeAt: at, by, ...(this.implicitDate ? { implicitDecisionDate: this.implicitDate } : {}) },
    });
    this.notices.push(this.notice(`fileComplete:${at}`, 'fileComplete', { citizen: this.input.citizen }));
  }

  /** The implicit-decision day counted from `from` (receipt, or completion), or none. */
  private countImplicitFrom(from: string | undefined): void {
    const { input } = this;
    this.implicitDate =
      this.settings.silence === 'none' || input.child || !from
        ? undefined
        : legalDeadline(from, this.settings.silenceDelay, input.calendar);
    this.implicitDecisionAt = this.implicitDate
      ? startOfLocalDay(this.implicitDate, input.calendar.timeZone)
      : undefined;
  }

  private onImplicitDecision(): void {
    this.implicitDecisionPending = false;
    const decision = this.settings.silence === 'acceptance' ? 'acceptance' : 'refusal';
    this.changes.implicitDecision = decision;
    this.timeline.push({ kind: 'implicitDecision', payload: { decision, date: this.implicitDate } });
    this.notices.push(this.implicitNotice());
  }

  private implicitNotice(): Notice {
    return this.notice('implicitDecision', 'implicitDecision', { citizen: this.input.citizen });
  }

  /** A notice with the request's facts as they stand: its deadline, its legal regime. */
  private notice(
    key: string,
    event: Notice['event'],
    audience: NoticeAudience,
    facts: Partial<NotificationFacts> = {},
  ): Notice {
    const { input } = this;
    return {
      key,
      event,
      audience,
      facts: {
        trackingCode: input.trackingCode,
        procedureTitle: input.procedureTitle,
        receivedAt: input.submittedAt,
        dueAt: this.clocks.get(REQUEST_CLOCK)?.dueAt,
        silence: this.settings.silence,
        implicitDecisionDate: this.implicitDate,
        completeAt: this.completeness.completeAt,
        silenceDelay: this.settings.silenceDelay,
        ...(this.settings.silenceReason ? { silenceReason: this.settings.silenceReason } : {}),
        ...(this.settings.sla ? { instructionDelay: this.settings.sla } : {}),
        ...(this.serviceGroup ? { serviceGroup: this.serviceGroup } : {}),
        citizenEmail: input.citizen.email,
        ...facts,
      },
    };
  }
}

const isBlank = (value: unknown) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

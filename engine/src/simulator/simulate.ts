// Sandbox-safe: a dry run of a procedure for analysts. The request's lifecycle (engine/src/lifecycle,
// as the Temporal workflow runs it) in an in-process host that answers what the process waits for —
// from given events, or automatically — and records the path it took and what it would tell whom.

import { DEFAULT_BUSINESS_CALENDAR } from '../calendar/index.ts';
import { compiled } from '../compiler/ir.ts';
import { PendingAlarms } from '../lifecycle/pending-alarms.ts';
import { RequestLifecycle } from '../lifecycle/request-lifecycle.ts';
import type { LifecycleHost, Notice } from '../lifecycle/types.ts';
import { procedureSettings } from '../procedure/settings.ts';
import { type EngineState, engineState } from '../runtime/state.ts';
import type { TraceEntry } from '../runtime/trace.ts';
import type { EngineEvent, ProcessIR, Variables } from '../runtime/types.ts';

/** An event of the events file: engine events, where tasks, jobs, calls and timers may be named by element id. */
export type SimulationEvent =
  | EngineEvent
  | {
      type: 'taskCompleted' | 'jobCompleted' | 'callCompleted' | 'timerFired' | 'jobFailed';
      elementId: string;
      variables?: Variables;
      errorCode?: string;
      message?: string;
      time?: string;
    }
  | { type: 'messageReceived' | 'signalReceived' | 'incidentResolved'; time?: string; [key: string]: unknown }
  /** an agent declares pieces missing (ids of the procedure's `piece.<id>`), or the file complete (CRPA art. L114-5) */
  | { type: 'fileIncomplete'; pieces: string[]; time?: string }
  | { type: 'fileComplete'; time?: string };

type FileDeclaration = Extract<SimulationEvent, { type: 'fileIncomplete' | 'fileComplete' }>;
const isFileDeclaration = (event: SimulationEvent | undefined): event is FileDeclaration =>
  event?.type === 'fileIncomplete' || event?.type === 'fileComplete';

export interface SimulationOptions {
  variables?: Variables;
  /** when the run starts; default 2026-01-01T09:00:00Z */
  time?: string;
  /** answer only these, in order; without them every task completes with no data and timers fire when due */
  events?: SimulationEvent[];
  /** safety net against endless loops */
  maxSteps?: number;
  /** run it as a call activity's called process (an uncaught BPMN error fails it, for the parent) */
  child?: boolean;
}

/** What the request would tell whom, and when (its notices: acknowledgement, tasks, SLA, implicit decision). */
export interface SimulationNotice {
  notice: Notice['event'];
  at: string;
  to: Notice['audience'];
}

export type SimulationLine =
  | { event: EngineEvent }
  | TraceEntry
  | SimulationNotice
  | { problem: string }
  | { file: 'incomplete' | 'complete'; at: string; pieces?: string[] };

export interface SimulationResult {
  outcome: 'completed' | 'terminated' | 'failed' | 'incident' | 'waiting';
  lines: SimulationLine[];
  state: EngineState;
  /** what the run still waits for */
  waitingFor: { kind: string; elementId: string; id: string; name?: string; fireAt?: string }[];
}

interface OpenWork {
  id: string;
  elementId: string;
  kind: 'task' | 'job' | 'call' | 'timer';
  fireAt?: string;
}

const DEFAULT_TIME = '2026-01-01T09:00:00.000Z';
/** Stands for the code a real request draws at random. */
const SAMPLE_TRACKING_CODE = 'XXXX-XXXX-XXXX';

/** Runs a compiled procedure to its end or to the first thing nobody answers. */
export function simulate(ir: ProcessIR, options: SimulationOptions = {}): SimulationResult {
  const lines: SimulationLine[] = [];
  const open: OpenWork[] = [];
  /** the clocks' alarms (SLA, implicit decision), which ring as time passes */
  const alarms = new PendingAlarms();
  let now = options.time ?? DEFAULT_TIME;
  const name = ir.name ?? ir.processId;
  const lifecycle = new RequestLifecycle(
    {
      ir,
      calendar: DEFAULT_BUSINESS_CALENDAR,
      requestId: 'simulation',
      trackingCode: SAMPLE_TRACKING_CODE,
      submittedAt: now,
      citizen: {},
      procedureTitle: { fr: name, en: name },
      start: { variables: options.variables ?? {}, time: now, ...(options.child ? { failsAsCall: true } : {}) },
      ...(options.child ? { child: { scope: '' } } : {}),
      trace: true,
    },
    openWork(open, alarms),
  );
  const settle = () => {
    lines.push(...(lifecycle.step.trace ?? []));
    lifecycle.settle(now);
    lifecycle.takeRecord();
    for (const notice of lifecycle.takeNotices()) lines.push({ notice: notice.event, at: now, to: notice.audience });
  };
  /** Time passes to `to`: the clocks' alarms due by then ring first, in order. */
  const passTime = (to: string) => {
    for (let due = alarms.takeDue(to); due && lifecycle.status === 'active'; due = alarms.takeDue(to)) {
      if (due.at > now) now = due.at;
      lifecycle.wake(due.wakeup, now);
      settle();
    }
    if (to > now) now = to;
  };
  lifecycle.begin();
  settle();
  const given = options.events ? [...options.events] : undefined;
  const maxSteps = options.maxSteps ?? 10_000;

  const pieces = procedureSettings(ir.properties).settings.pieces;
  for (let count = 0; count < maxSteps && lifecycle.status === 'active'; count++) {
    if (lifecycle.incidents.size > 0 && !given?.length) break;
    const declaration = given?.[0];
    if (isFileDeclaration(declaration)) {
      given!.shift();
      passTime(declaration.time ? new Date(declaration.time).toISOString() : now);
      if (lifecycle.status !== 'active') break;
      declareFile(declaration);
      continue;
    }
    const event = given ? resolveGiven(given.shift(), open, now, lines) : automaticEvent(open, now);
    if (!event) break;
    passTime(event.time);
    if (lifecycle.status !== 'active') break;
    lines.push({ event });
    lifecycle.wake({ kind: 'engine', event }, now);
    settle();
  }
  const state = engineState(lifecycle.step.state);
  return { outcome: outcomeOf(state), lines, state, waitingFor: waitingFor(ir, state) };

  /** An agent's declaration about the file, as the request's page sends it; refused ones become problems. */
  function declareFile(declaration: FileDeclaration): void {
    if (declaration.type === 'fileComplete') {
      const refusal = lifecycle.completenessRefusal({ kind: 'complete' });
      if (refusal) return void lines.push({ problem: refusal.message });
      lines.push({ file: 'complete', at: now });
      lifecycle.wake({ kind: 'fileComplete', by: 'simulation' }, now);
    } else {
      const unknown = declaration.pieces.filter((id) => !pieces.some((piece) => piece.id === id));
      if (unknown.length > 0)
        return void lines.push({
          problem: `fileIncomplete: the procedure lists no piece ${unknown.join(', ')} (piece.<id> properties: ${pieces.map((p) => p.id).join(', ') || 'none'}); event skipped`,
        });
      const missing = pieces.filter((piece) => declaration.pieces.includes(piece.id));
      const refusal = lifecycle.completenessRefusal({ kind: 'incomplete', pieces: missing });
      if (refusal) return void lines.push({ problem: refusal.message });
      lines.push({ file: 'incomplete', at: now, pieces: declaration.pieces });
      lifecycle.wake({ kind: 'fileIncomplete', pieces: missing, by: 'simulation' }, now);
    }
    settle();
  }
}

/** The simulator's side of the lifecycle: what the request would start becomes open work to answer. */
function openWork(open: OpenWork[], alarms: PendingAlarms): LifecycleHost {
  const remove = (id: string) => {
    const at = open.findIndex((work) => work.id === id);
    if (at >= 0) open.splice(at, 1);
  };
  return {
    // Engine timers are open work, answered when they are due; the clocks' alarms ring as time passes.
    setAlarm(id, at, wakeup) {
      if (!id.startsWith('timer:')) alarms.set(id, at, wakeup);
    },
    clearAlarm: (id) => alarms.delete(id),
    timerStarted(timer) {
      remove(timer.timerId);
      open.push({ id: timer.timerId, elementId: timer.elementId, kind: 'timer', fireAt: timer.fireAt });
    },
    timerStopped: remove,
    clearAlarms: () => alarms.clear(),
    runJob: (command) => open.push({ id: command.jobId, elementId: command.elementId, kind: 'job' }),
    cancelJob: remove,
    startCall: (command) => open.push({ id: command.callId, elementId: command.elementId, kind: 'call' }),
    cancelCall: remove,
    taskOpened: (task) => open.push({ id: task.taskKey, elementId: task.elementId, kind: 'task' }),
    taskClosed: remove,
  };
}

function take(open: OpenWork[], work: OpenWork): OpenWork {
  open.splice(open.indexOf(work), 1);
  return work;
}

/** Without events: work first (in the order it was opened), then the timer due first. */
function automaticEvent(open: OpenWork[], now: string): EngineEvent | undefined {
  const work = open.find((candidate) => candidate.kind !== 'timer');
  if (work) return answer(take(open, work), now, {});
  const timers = open.filter((candidate) => candidate.kind === 'timer');
  timers.sort((a, b) => (a.fireAt! < b.fireAt! ? -1 : a.fireAt! > b.fireAt! ? 1 : 0));
  return timers[0] ? answer(take(open, timers[0]), now, {}) : undefined;
}

function answer(work: OpenWork, now: string, given: { variables?: Variables; time?: string }): EngineEvent {
  const time = given.time ?? (work.kind === 'timer' && work.fireAt! > now ? work.fireAt! : now);
  const variables = given.variables ?? {};
  switch (work.kind) {
    case 'task':
      return { type: 'taskCompleted', taskId: work.id, variables, time };
    case 'job':
      return { type: 'jobCompleted', jobId: work.id, variables, time };
    case 'call':
      return { type: 'callCompleted', callId: work.id, variables, time };
    case 'timer':
      return { type: 'timerFired', timerId: work.id, time };
  }
}

const KIND_OF: Record<string, OpenWork['kind']> = {
  taskCompleted: 'task',
  jobCompleted: 'job',
  jobFailed: 'job',
  callCompleted: 'call',
  timerFired: 'timer',
};

/** Turns an event of the file into an engine event, finding the open work an element id names. */
function resolveGiven(
  given: SimulationEvent | undefined,
  open: OpenWork[],
  now: string,
  lines: SimulationLine[],
): EngineEvent | undefined {
  if (!given) return undefined;
  const kind = KIND_OF[given.type];
  if (!kind || !('elementId' in given) || typeof given.elementId !== 'string') {
    return { ...given, time: given.time ?? now } as EngineEvent;
  }
  const work = open.find((candidate) => candidate.kind === kind && candidate.elementId === given.elementId);
  if (!work) {
    lines.push({ problem: `${given.type} for ${given.elementId}: nothing of that element is waiting; event skipped` });
    return resolveGiven(undefined, open, now, lines);
  }
  take(open, work);
  if (given.type === 'jobFailed') {
    return {
      type: 'jobFailed',
      jobId: work.id,
      message: typeof given.message === 'string' ? given.message : 'failed in simulation',
      ...(typeof given.errorCode === 'string' ? { errorCode: given.errorCode } : {}),
      time: given.time ?? now,
    };
  }
  return answer(work, now, given as { variables?: Variables; time?: string });
}

function outcomeOf(state: EngineState): SimulationResult['outcome'] {
  if (state.status !== 'active') return state.status;
  return state.incidents.length > 0 ? 'incident' : 'waiting';
}

function waitingFor(ir: ProcessIR, state: EngineState): SimulationResult['waitingFor'] {
  const elements = compiled(ir).elements;
  const waits: SimulationResult['waitingFor'] = [];
  for (const [id, instance] of Object.entries(state.instances)) {
    if (instance.wait && instance.wait !== 'event') waits.push({ kind: instance.wait, elementId: instance.el, id });
  }
  for (const subscription of state.subscriptions) {
    waits.push({
      kind: subscription.kind,
      elementId: subscription.el,
      id: subscription.id,
      ...(subscription.name ? { name: subscription.name } : {}),
      ...(subscription.fireAt ? { fireAt: subscription.fireAt } : {}),
    });
  }
  for (const incident of state.incidents) {
    waits.push({ kind: `incident ${incident.code}`, elementId: incident.el, id: incident.id, name: incident.message });
  }
  return waits.filter((wait) => elements[wait.elementId] !== undefined || wait.kind.startsWith('incident'));
}

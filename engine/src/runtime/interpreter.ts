// Sandbox-safe: the public reducer. `start` and `handle` take the IR and return the next state
// and the commands for the host; they never read a clock and never mutate what they are given.

import { type CompiledProcess, compiled } from '../compiler/ir.ts';
import { EngineError } from './engine-error.ts';
import { Run } from './run.ts';
import { copyJson, copyState, type EngineState, engineState, ROOT } from './state.ts';
import { deliverSignal, subscribeEventStarts, trigger } from './subscriptions.ts';
import { throwError } from './throw-events.ts';
import type { TraceEntry } from './trace.ts';
import type { EngineEvent, Json, ProcessIR, ProcessState, Step, Variables } from './types.ts';
import { propagate } from './variables.ts';

export interface StartInput {
  variables?: Variables;
  /** ISO 8601 time the request started: timers count from it */
  time: string;
  /** start at this start event (e.g. the timer start the host scheduled) */
  startEventId?: string;
  /** start at the message start event of this message */
  messageName?: string;
  /** start at the signal start event of this signal */
  signalName?: string;
  /**
   * The instance runs a call activity's called process: a BPMN error it does not catch ends it with
   * a `fail` command carrying the error code, for the parent to catch (IR version 2; elsewhere such
   * an error is an incident).
   */
  child?: boolean;
}

export interface StepOptions {
  /** also return what each element did, for the simulator */
  trace?: boolean;
}

function finish(run: Run, trace: TraceEntry[] | undefined): Step {
  run.drain();
  const step: Step = { state: run.state as unknown as ProcessState, commands: run.commands };
  if (trace) step.trace = trace;
  return step;
}

function pickStart(ir: CompiledProcess, input: StartInput): string {
  const starts = ir.startEvents;
  const named = (kind: 'message' | 'signal', name: string) =>
    starts.find((start) => start.trigger?.kind === kind && start.trigger.name === name);
  const chosen = input.startEventId
    ? starts.find((start) => start.id === input.startEventId)
    : input.messageName
      ? named('message', input.messageName)
      : input.signalName
        ? named('signal', input.signalName)
        : (starts.find((start) => !start.trigger) ?? starts[0]);
  if (!chosen) {
    const wanted = input.startEventId ?? input.messageName ?? input.signalName ?? 'a none start event';
    throw new EngineError('NO_SUCH_START', `Process ${ir.processId} has no start event for ${wanted}.`);
  }
  return chosen.id;
}

/** Starts a process instance. */
export function start(processIr: ProcessIR, input: StartInput, options: StepOptions = {}): Step {
  const ir = compiled(processIr);
  const startId = pickStart(ir, input);
  const state: EngineState = {
    status: 'active',
    variables: copyJson(input.variables ?? {}) as Variables,
    now: input.time,
    seq: 0,
    instances: { [ROOT]: { el: ir.processId, live: 0 } },
    subscriptions: [],
    incidents: [],
    ...(input.child ? { child: true as const } : {}),
  };
  const trace = options.trace ? [] : undefined;
  const run = new Run(ir, state, trace);
  subscribeEventStarts(run, ROOT, ir.eventStarts);
  run.sendToken(ROOT, startId);
  return finish(run, trace);
}

/** Applies one event to a state; events that match nothing waiting change nothing. */
export function handle(
  processIr: ProcessIR,
  current: ProcessState,
  given: EngineEvent,
  options: StepOptions = {},
): Step {
  // the event's variables end up in the state: never share them with the caller
  const event = copyJson(given as unknown as Json) as unknown as EngineEvent;
  const ir = compiled(processIr);
  const state = copyState(engineState(current));
  const trace = options.trace ? [] : undefined;
  const run = new Run(ir, state, trace);
  if (state.status !== 'active') return finish(run, trace);
  state.now = event.time;
  // An event nothing waits for (late, duplicate, misaddressed) leaves the state exactly as it was.
  if (!apply(run, event)) return { state: current, commands: [], ...(trace ? { trace } : {}) };
  return finish(run, trace);
}

function waitingInstance(run: Run, id: string, kind: 'task' | 'job' | 'call'): boolean {
  return run.state.instances[id]?.wait === kind;
}

/** Applies an event; false when nothing was waiting for it. */
function apply(run: Run, event: EngineEvent): boolean {
  const { state } = run;
  switch (event.type) {
    case 'taskCompleted':
    case 'jobCompleted':
    case 'callCompleted': {
      const id =
        event.type === 'taskCompleted' ? event.taskId : event.type === 'jobCompleted' ? event.jobId : event.callId;
      const kind = event.type === 'taskCompleted' ? 'task' : event.type === 'jobCompleted' ? 'job' : 'call';
      if (!waitingInstance(run, id, kind)) return false;
      const instance = state.instances[id]!;
      delete instance.wait;
      const element = run.element(instance.el);
      const keep =
        kind !== 'call' || element.outputs !== undefined || element.call?.propagateAllChildVariables !== false;
      if (keep) run.acceptVariables(id, event.variables);
      run.schedule({ op: 'complete', inst: id });
      return true;
    }
    case 'jobFailed':
    case 'callFailed': {
      const id = event.type === 'jobFailed' ? event.jobId : event.callId;
      if (!waitingInstance(run, id, event.type === 'jobFailed' ? 'job' : 'call')) return false;
      if (event.errorCode !== undefined) {
        delete state.instances[id]!.wait;
        throwError(run, id, event.errorCode, event.message);
        return true;
      }
      const message = `${event.message}. Fix the cause, then resolve the incident to try again.`;
      run.raiseIncident(id, event.type === 'jobFailed' ? 'JOB_FAILED' : 'CALL_FAILED', message, {
        op: 'activate',
        inst: id,
      });
      return true;
    }
    case 'timerFired': {
      const subscription = state.subscriptions.find((s) => s.id === event.timerId && s.kind === 'timer');
      if (subscription) trigger(run, subscription);
      return subscription !== undefined;
    }
    case 'messageReceived': {
      const subscription = state.subscriptions.find(
        (s) =>
          s.kind === 'message' &&
          s.name === event.messageName &&
          (s.key === undefined || s.key === event.correlationKey),
      );
      if (subscription) trigger(run, subscription, event.variables);
      return subscription !== undefined;
    }
    case 'signalReceived':
      return deliverSignal(run, event.signalName, event.variables);
    case 'incidentResolved': {
      const incident = state.incidents.find((candidate) => candidate.id === event.incidentId);
      if (!incident) return false;
      state.incidents = state.incidents.filter((candidate) => candidate !== incident);
      const from = state.instances[incident.inst] ? incident.inst : ROOT;
      for (const [name, value] of Object.entries(event.variables ?? {})) propagate(state, from, name, value);
      run.schedule(incident.retry);
      return true;
    }
    case 'dataCorrected':
      // Nothing moves on: the values wait, where they live, for the next element that reads them.
      for (const [name, value] of Object.entries(event.variables)) propagate(state, ROOT, name, value);
      return true;
    case 'cancelled':
      run.terminateScope(ROOT);
      return true;
  }
}

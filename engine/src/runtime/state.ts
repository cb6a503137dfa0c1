// Sandbox-safe: the interpreter's own view of ProcessState. Kept small: instances that are alive,
// open subscriptions and incidents — never the IR, never history.

import type { Json, ProcessState, Variables } from './types.ts';

export const ROOT = 'process';

export type WaitKind = 'task' | 'job' | 'call' | 'event';

/** A running element (or the process itself, id ROOT). Scopes also count their tokens. */
export interface Instance {
  el: string;
  /** enclosing scope instance; absent for the process */
  up?: string;
  vars?: Variables;
  /** tokens inside this scope: instances, tokens in flight and tokens parked at joins */
  live?: number;
  /** gateway id → incoming flows whose tokens wait at that join */
  joins?: Record<string, string[]>;
  wait?: WaitKind;
  /** multi-instance inner instance: its index in the collection */
  loop?: number;
  /** multi-instance body */
  mi?: { items: Json[]; next: number; done: number; out: Json[] };
}

export type SubscriptionRole = 'catch' | 'boundary' | 'eventStart' | 'gateway';

/** An open wait for a timer, message or signal. */
export interface Subscription {
  id: string;
  /** the instance that waits (catch), hosts the boundary, holds the event sub-process, or is the gateway */
  inst: string;
  /** the event element that triggers */
  el: string;
  role: SubscriptionRole;
  kind: 'timer' | 'message' | 'signal';
  name?: string;
  key?: string;
  fireAt?: string;
  /** repeating timers: repetitions left (-1 unbounded) and the interval */
  repeat?: { left: number; every: string };
}

/** One step of work; an incident keeps the one that failed so it can run again. */
export type Operation =
  /** `hops`: elements the token passed through in this step without waiting (IR version 2) */
  | { op: 'arrive'; el: string; scope: string; flow?: string; hops?: number }
  | { op: 'activate'; inst: string }
  | { op: 'complete'; inst: string }
  | { op: 'leave'; inst: string }
  /** multi-instance body: check the completion condition, start the next item or finish */
  | { op: 'advance'; inst: string }
  /** open an event sub-process start of a scope again (after an incident) */
  | { op: 'subscribe'; inst: string; el: string }
  /** look again whether the parallel joins of a scope can still complete (a stuck-join incident resolved) */
  | { op: 'joins'; inst: string };

export interface Incident {
  id: string;
  inst: string;
  el: string;
  code: string;
  message: string;
  retry: Operation;
}

/** A completed activity that has a compensation handler, until it is compensated or its scope cancelled. */
export interface Compensable {
  /** the activity */
  el: string;
  /** the instances of the scopes it completed in, innermost first, up to the process */
  scopes: string[];
}

export interface EngineState {
  status: ProcessState['status'];
  variables: Variables;
  /** time of the last event, ISO 8601 */
  now: string;
  /** counter behind every derived id */
  seq: number;
  instances: Record<string, Instance>;
  subscriptions: Subscription[];
  incidents: Incident[];
  /** started by a call activity: an uncaught BPMN error goes to the parent (`fail`), not to an incident */
  child?: true;
  /** completed activities a compensation throw may undo, oldest first (absent when none) */
  comp?: Compensable[];
}

/** Views a public ProcessState as the interpreter wrote it. */
export function engineState(state: ProcessState): EngineState {
  return state as unknown as EngineState;
}

/** A process that holds nothing yet: where a host keeps a request whose start the engine could not run. */
export function idleState(processId: string, variables: Variables, time: string): ProcessState {
  const state: EngineState = {
    status: 'active',
    variables,
    now: time,
    seq: 0,
    instances: { [ROOT]: { el: processId, live: 0 } },
    subscriptions: [],
    incidents: [],
  };
  return state as unknown as ProcessState;
}

/** A deep copy, so a step never changes the state it was given. */
export function copyState(state: EngineState): EngineState {
  return copyJson(state as unknown as Json) as unknown as EngineState;
}

/** Deep copy of plain JSON data; several times faster than a JSON round trip. */
export function copyJson(value: Json): Json {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : copyJson(item)));
  const copy: Record<string, Json> = {};
  for (const key in value) {
    const entry = value[key];
    if (entry !== undefined) copy[key] = copyJson(entry);
  }
  return copy;
}

// Sandbox-safe: pure types shared by the compiler, the interpreter and its hosts.
// This file is the contract between the engine core and the hosts that apply its commands
// (the in-process host of tests and the simulator, the Temporal workflow in workers/).

/** JSON-serialisable value: everything in variables, state and commands is one. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Variables = Record<string, Json>;

/** A problem found in a model, naming the element it concerns. */
export interface ModelProblem {
  /** Stable machine code, e.g. `UNSUPPORTED_ELEMENT`, `DANGLING_REFERENCE`, `XML_SYNTAX`. */
  code: string;
  /** What is wrong and what to do, in English (French in `messageFr` when given). */
  message: string;
  messageFr?: string;
  elementId?: string;
  elementType?: string;
  elementName?: string;
  /** the file the problem is in, when it is not the BPMN model (a DMN file) */
  file?: string;
  /** a form's field (its key path), when the problem is in a form */
  field?: string;
  line?: number;
  column?: number;
}

/** Compiled procedure. Plain JSON; `hash` is a content hash of the rest. */
export interface ProcessIR {
  /** 1: compiled before issue 17 (runs as it always did); 2: issue 17's run-time behaviours */
  version: 1 | 2;
  hash: string;
  processId: string;
  name?: string;
  /** zeebe:formDefinition formId (or formKey) of the none start event, if it links a form */
  startFormId?: string;
  /** zeebe:properties of the process (Parvis settings: SLA, implicit-decision regime…) */
  properties: Record<string, string>;
  // The rest of the IR belongs to the compiler and interpreter.
  [key: string]: Json | undefined;
}

export type CompileResult =
  | { ok: true; ir: ProcessIR; warnings: ModelProblem[] }
  | { ok: false; errors: ModelProblem[] };

/** Commands: what must happen outside the engine. Ids are derived (element id + counter). */
export type Command =
  | {
      type: 'openTask';
      taskId: string;
      elementId: string;
      name?: string;
      assignee?: string;
      candidateGroups: string[];
      candidateUsers: string[];
      /** zeebe formKey / formId (linked form) */
      formKey?: string;
      formId?: string;
      dueDate?: string;
      followUpDate?: string;
      priority?: number;
      /** zeebe:properties of the element (Parvis settings such as SLA overrides) */
      properties: Record<string, string>;
      variables: Variables;
    }
  | { type: 'cancelTask'; taskId: string; elementId: string }
  | {
      type: 'runJob';
      jobId: string;
      elementId: string;
      jobType: string;
      retries: number;
      headers: Record<string, string>;
      variables: Variables;
    }
  | { type: 'cancelJob'; jobId: string; elementId: string }
  | { type: 'startTimer'; timerId: string; elementId: string; fireAt: string }
  | { type: 'cancelTimer'; timerId: string; elementId: string }
  | { type: 'waitMessage'; subscriptionId: string; elementId: string; messageName: string; correlationKey?: string }
  | { type: 'cancelMessageWait'; subscriptionId: string; elementId: string }
  | { type: 'publishMessage'; elementId: string; messageName: string; correlationKey?: string; variables: Variables }
  | { type: 'throwSignal'; elementId: string; signalName: string; variables: Variables }
  | { type: 'startCall'; callId: string; elementId: string; processId: string; variables: Variables }
  | { type: 'cancelCall'; callId: string; elementId: string }
  | { type: 'incident'; incidentId: string; elementId: string; code: string; message: string }
  | { type: 'complete'; variables: Variables }
  | { type: 'terminate'; variables: Variables }
  | {
      type: 'fail';
      elementId: string;
      errorCode?: string;
      escalationCode?: string;
      /** why the engine itself stopped the process (`STEP_LIMIT`), when it was not a BPMN error */
      code?: string;
      message: string;
    };

/** Events: what came back. `time` is ISO 8601; the engine never reads a clock. */
export type EngineEvent =
  | { type: 'taskCompleted'; taskId: string; variables?: Variables; time: string }
  | { type: 'jobCompleted'; jobId: string; variables?: Variables; time: string }
  | { type: 'jobFailed'; jobId: string; message: string; errorCode?: string; time: string }
  | { type: 'timerFired'; timerId: string; time: string }
  | { type: 'messageReceived'; messageName: string; correlationKey?: string; variables?: Variables; time: string }
  | { type: 'signalReceived'; signalName: string; variables?: Variables; time: string }
  | { type: 'callCompleted'; callId: string; variables?: Variables; time: string }
  | { type: 'callFailed'; callId: string; errorCode?: string; message: string; time: string }
  | { type: 'incidentResolved'; incidentId: string; variables?: Variables; time: string }
  /** The request's data corrected (the citizen, asked by an agent): the process's variables take the new values. */
  | { type: 'dataCorrected'; variables: Variables; time: string }
  /** The host ends the instance from outside (a request merged into another): what waits is cancelled, the process terminates. */
  | { type: 'cancelled'; time: string };

/** Interpreter state. JSON-serialisable; the IR is not inside it. */
export interface ProcessState {
  status: 'active' | 'completed' | 'terminated' | 'failed';
  variables: Variables;
  // The rest belongs to the interpreter.
  [key: string]: Json | undefined;
}

export interface Step {
  state: ProcessState;
  commands: Command[];
  /** what each element did in this step, when asked for (`{ trace: true }`) */
  trace?: TraceEntry[];
}

export type { TraceEntry } from './trace.ts';

import type { TraceEntry } from './trace.ts';

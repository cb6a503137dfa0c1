// Sandbox-safe: the shape of a compiled procedure, shared by the compiler and the interpreter.
// Everything is plain JSON. Values that may be FEEL keep their leading `=`; others are static.

import type { DecisionIR } from '../dmn/decision-ir.ts';
import type { Json, ProcessIR } from '../runtime/types.ts';

/**
 * The IR version `compile` writes. Version 2 brings the behaviours of issue 17 that change what a
 * model does at run time (an uncaught BPMN error becomes an incident, a stuck join is reported, the
 * step and collection limits); procedures compiled before keep version 1 and run exactly as they did,
 * so recorded histories replay unchanged.
 */
export const IR_VERSION = 2;

export type ElementType =
  | 'startEvent'
  | 'endEvent'
  | 'intermediateCatchEvent'
  | 'intermediateThrowEvent'
  | 'boundaryEvent'
  | 'task'
  | 'manualTask'
  | 'userTask'
  | 'serviceTask'
  | 'sendTask'
  | 'businessRuleTask'
  | 'scriptTask'
  | 'receiveTask'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'eventBasedGateway'
  | 'subProcess'
  | 'callActivity';

export interface TimerIR {
  duration?: string;
  date?: string;
  cycle?: string;
}

/** What an event waits for or throws. */
export type TriggerIR =
  | { kind: 'timer'; timer: TimerIR }
  | { kind: 'message'; name: string; correlationKey?: string }
  | { kind: 'signal'; name: string }
  | { kind: 'error'; code?: string; message?: string }
  | { kind: 'escalation'; code?: string }
  | { kind: 'terminate' }
  | { kind: 'link'; name: string }
  /** compensation throw (one activity of the same scope, or every completed one) or boundary */
  | { kind: 'compensation'; activity?: string; wait?: false };

export interface MappingIR {
  source: string;
  target: string;
}

export interface JobIR {
  type: string;
  retries: string;
  headers: Record<string, string>;
}

export interface UserTaskIR {
  assignee?: string;
  candidateGroups?: string;
  candidateUsers?: string;
  formKey?: string;
  formId?: string;
  dueDate?: string;
  followUpDate?: string;
  priority?: string;
}

export interface MultiInstanceIR {
  sequential: boolean;
  inputCollection: string;
  inputElement?: string;
  outputCollection?: string;
  outputElement?: string;
  completionCondition?: string;
}

export interface CallIR {
  processId: string;
  propagateAllChildVariables: boolean;
  propagateAllParentVariables: boolean;
}

export interface ElementIR {
  id: string;
  type: ElementType;
  name?: string;
  /** id of the enclosing sub-process; absent at process level */
  scope?: string;
  incoming: string[];
  outgoing: string[];
  /** default sequence flow of a gateway or activity */
  defaultFlow?: string;
  trigger?: TriggerIR;
  /** boundary events: cancelActivity; event sub-process starts: isInterrupting */
  interrupting?: boolean;
  attachedTo?: string;
  boundaries?: string[];
  inputs?: MappingIR[];
  outputs?: MappingIR[];
  job?: JobIR;
  userTask?: UserTaskIR;
  script?: { expression: string; resultVariable: string };
  /** business rule tasks: the DMN decision evaluated in the engine (zeebe:calledDecision) */
  decision?: { decisionId: string; resultVariable: string };
  /** an activity that runs only to compensate another (isForCompensation) */
  forCompensation?: true;
  /** an activity with a compensation boundary event: the handler that undoes it */
  compensation?: string;
  call?: CallIR;
  multiInstance?: MultiInstanceIR;
  properties?: Record<string, string>;
  /** start events: the linked form (zeebe:formDefinition formId, else formKey) */
  startForm?: string;
  /** sub-processes: the none start event the body begins at */
  start?: string;
  /** sub-processes (and the process, see CompiledProcess): start events of their event sub-processes */
  eventStarts?: string[];
  /** event sub-processes */
  triggeredByEvent?: boolean;
  /** link throw events: the link catch event they jump to */
  linkTarget?: string;
  /** inclusive gateways this element can reach without leaving its scope */
  reaches?: string[];
}

export interface FlowIR {
  id: string;
  source: string;
  target: string;
  condition?: string;
}

export interface StartEventIR {
  id: string;
  trigger?: TriggerIR;
}

/** The compiled procedure as the interpreter reads it. */
export interface CompiledProcess {
  version: 1 | 2;
  hash: string;
  processId: string;
  name?: string;
  startFormId?: string;
  properties: Record<string, string>;
  elements: Record<string, ElementIR>;
  flows: Record<string, FlowIR>;
  /** process-level start events: none, message or timer (the host schedules timer starts) */
  startEvents: StartEventIR[];
  /** start events of process-level event sub-processes */
  eventStarts: string[];
  /** DMN decisions deployed with the procedure, by id (business rule tasks evaluate them) */
  decisions?: Record<string, DecisionIR>;
  /** forms embedded in the model (zeebe:userTaskForm), by the form key that links them */
  forms?: Record<string, Json>;
}

/** True for IRs compiled with issue 17's run-time behaviours (see IR_VERSION). */
export function runsVersion2(ir: CompiledProcess): boolean {
  return ir.version >= 2;
}

/** Views a public ProcessIR as the compiler produced it. */
export function compiled(ir: ProcessIR): CompiledProcess {
  return ir as unknown as CompiledProcess;
}

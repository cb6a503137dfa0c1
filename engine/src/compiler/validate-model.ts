// Sandbox-safe: checks a read model for what would stop it running; each problem names its element.

import { feelSyntaxError, isExpression } from '../expressions/feel.ts';
import type { ModelProblem } from '../runtime/types.ts';
import { parseCycle, parseDateTime, parseDuration } from '../util/iso8601.ts';
import type { ElementIR, FlowIR, TimerIR, TriggerIR } from './ir.ts';
import { problemFor } from './problems.ts';

type Check = (element: ElementIR, report: (code: string, message: string) => void) => void;

const CATCHABLE: Record<string, TriggerIR['kind'][]> = {
  startEvent: ['timer', 'message', 'signal', 'error', 'escalation'],
  intermediateCatchEvent: ['timer', 'message', 'signal', 'link'],
  boundaryEvent: ['timer', 'message', 'signal', 'error', 'escalation'],
  intermediateThrowEvent: ['message', 'signal', 'escalation', 'link'],
  endEvent: ['message', 'signal', 'error', 'escalation', 'terminate'],
};

/** Every problem that would stop the model running. */
export function validateModel(
  elements: Record<string, ElementIR>,
  flows: Record<string, FlowIR>,
  hasProcessStart: boolean,
): ModelProblem[] {
  const problems: ModelProblem[] = [];
  for (const flow of Object.values(flows)) checkFlow(flow, elements, problems);
  for (const element of Object.values(elements)) {
    const report = (code: string, message: string) => problems.push(problemFor(element, code, message));
    for (const check of CHECKS) check(element, report);
    checkGateway(element, flows, elements, report);
  }
  if (!hasProcessStart) {
    problems.push({ code: 'MISSING_START_EVENT', message: 'The process has no start event. Add a start event.' });
  }
  return problems;
}

function checkFlow(flow: FlowIR, elements: Record<string, ElementIR>, problems: ModelProblem[]): void {
  const report = (message: string, code = 'DANGLING_REFERENCE') =>
    problems.push(problemFor({ id: flow.id, type: 'sequenceFlow' }, code, message));
  const source = elements[flow.source];
  const target = elements[flow.target];
  if (!source) report(`its source ${flow.source} is not a runnable element. Connect it to an existing element.`);
  if (!target) report(`its target ${flow.target} is not a runnable element. Connect it to an existing element.`);
  if (source && target && source.scope !== target.scope) {
    report('it crosses a sub-process border. Keep both ends inside the same (sub-)process.');
  }
  if (flow.condition) {
    checkFeel(flow.condition, (message) => report(`its condition ${message}`, 'INVALID_EXPRESSION'), true);
  }
}

function checkFeel(text: string | undefined, report: (message: string) => void, always = false): void {
  if (text === undefined || (!always && !isExpression(text))) return;
  const error = feelSyntaxError(text);
  if (error) report(`is not valid FEEL: ${error}. Fix the expression.`);
}

function checkTimer(timer: TimerIR, report: (code: string, message: string) => void): void {
  const kinds = Object.entries(timer);
  if (kinds.length !== 1) {
    report('INVALID_TIMER', 'a timer needs exactly one of a duration, a date or a cycle. Set one of them.');
    return;
  }
  const [kind, value] = kinds[0] as [keyof TimerIR, string];
  if (isExpression(value)) {
    checkFeel(value, (message) => report('INVALID_EXPRESSION', `the timer ${kind} ${message}`));
    return;
  }
  const parse = { duration: parseDuration, date: parseDateTime, cycle: parseCycle }[kind];
  if (parse(value) === undefined) {
    const example = { duration: 'PT2H or P3D', date: '2026-05-01T09:00:00Z', cycle: 'R3/PT1H' }[kind];
    report(
      'INVALID_TIMER',
      `the timer ${kind} "${value}" is not ISO 8601. Write it like ${example}, or as a FEEL expression starting with "=".`,
    );
  }
}

const checkTrigger: Check = (element, report) => {
  const allowed = CATCHABLE[element.type];
  const trigger = element.trigger;
  if (element.type === 'intermediateCatchEvent' || element.type === 'boundaryEvent') {
    if (!trigger) report('MISSING_EVENT_DEFINITION', 'it has no event definition. Give it a timer, message or signal.');
  }
  if (!trigger) return;
  if (allowed && !allowed.includes(trigger.kind)) {
    report(
      'UNSUPPORTED_ELEMENT',
      `a ${element.type} cannot be a ${trigger.kind} event. Use one of: ${allowed.join(', ')}.`,
    );
  }
  if (trigger.kind === 'timer') checkTimer(trigger.timer, report);
  if (trigger.kind === 'message') {
    if (!trigger.name) report('MISSING_MESSAGE', 'it refers to no message name. Pick or create a message with a name.');
    checkFeel(trigger.correlationKey, (message) => report('INVALID_EXPRESSION', `the correlation key ${message}`));
  }
  if (trigger.kind === 'signal' && !trigger.name) {
    report('MISSING_SIGNAL', 'it refers to no signal name. Pick or create a signal with a name.');
  }
};

const checkStart: Check = (element, report) => {
  if (element.type === 'subProcess' && !element.triggeredByEvent && !element.start) {
    report('MISSING_START_EVENT', 'the sub-process has no none start event. Add one.');
  }
  if (element.type === 'receiveTask' && element.trigger === undefined) {
    report('MISSING_MESSAGE', 'the receive task refers to no message. Pick or create a message with a name.');
  }
};

const checkTask: Check = (element, report) => {
  const jobTypes = ['serviceTask', 'sendTask', 'businessRuleTask'];
  if (jobTypes.includes(element.type) && !element.job?.type) {
    report('MISSING_JOB_TYPE', 'it has no job type (zeebe:taskDefinition type). Set the job type the workers handle.');
  }
  if (element.type === 'scriptTask' && !element.script && !element.job?.type) {
    report(
      'MISSING_SCRIPT',
      'it has no FEEL expression with a result variable, nor a job type. Set zeebe:script expression and resultVariable.',
    );
  }
  if (element.type === 'callActivity' && !element.call?.processId) {
    report('MISSING_CALLED_PROCESS', 'it names no process to call. Set zeebe:calledElement processId.');
  }
  const feel = (label: string, text: string | undefined, always = false) =>
    checkFeel(text, (message) => report('INVALID_EXPRESSION', `${label} ${message}`), always);
  for (const mapping of [...(element.inputs ?? []), ...(element.outputs ?? [])]) {
    if (!mapping.target)
      report('INVALID_MAPPING', 'an input or output mapping has no target. Name the variable it sets.');
    feel(`the mapping to "${mapping.target}"`, mapping.source);
  }
  const userTask = element.userTask ?? {};
  for (const [key, value] of Object.entries(userTask)) feel(key, value);
  if (element.script) feel('the script', element.script.expression, true);
  if (element.call) feel('the called process id', element.call.processId);
};

const checkMultiInstance: Check = (element, report) => {
  const multi = element.multiInstance;
  if (!multi) return;
  if (!multi.inputCollection) {
    report(
      'MISSING_INPUT_COLLECTION',
      'the multi-instance has no input collection. Set zeebe:loopCharacteristics inputCollection, e.g. "=approvers".',
    );
  }
  const feel = (label: string, text: string | undefined) =>
    checkFeel(text, (message) => report('INVALID_EXPRESSION', `${label} ${message}`), true);
  if (multi.inputCollection) feel('the input collection', multi.inputCollection);
  feel('the output element', multi.outputElement);
  feel('the completion condition', multi.completionCondition);
};

const CHECKS: Check[] = [checkTrigger, checkStart, checkTask, checkMultiInstance];

function checkGateway(
  element: ElementIR,
  flows: Record<string, FlowIR>,
  elements: Record<string, ElementIR>,
  report: (code: string, message: string) => void,
): void {
  if (!element.type.endsWith('Gateway')) return;
  if (element.outgoing.length === 0) {
    report('GATEWAY_WITHOUT_OUTGOING', 'the gateway has no outgoing sequence flow. Add at least one.');
    return;
  }
  if ((element.type === 'exclusiveGateway' || element.type === 'inclusiveGateway') && element.outgoing.length > 1) {
    for (const id of element.outgoing) {
      if (id !== element.defaultFlow && flows[id] && !flows[id].condition) {
        report(
          'MISSING_CONDITION',
          `the outgoing flow ${id} has no condition and is not the default flow. Add a condition or mark it as default.`,
        );
      }
    }
  }
  if (element.type === 'eventBasedGateway') {
    for (const id of element.outgoing) {
      const target = elements[flows[id]?.target ?? ''];
      const waits =
        target &&
        ((target.type === 'intermediateCatchEvent' && target.trigger?.kind !== 'link') ||
          target.type === 'receiveTask');
      if (target && !waits) {
        report(
          'INVALID_EVENT_GATEWAY',
          `its flow ${id} leads to ${target.id}, which is not a catch event. Follow it with timer, message or signal catch events.`,
        );
      }
    }
  }
}

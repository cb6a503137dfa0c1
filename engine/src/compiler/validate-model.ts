// Sandbox-safe: checks a read model for what would stop it running; each problem names its element
// and says, in English and in French, what is wrong and what to do.

import { feelSyntaxError, isExpression } from '../expressions/feel.ts';
import type { ModelProblem } from '../runtime/types.ts';
import { type Cycle, lastsASecond, parseCycle, parseDateTime, parseDuration } from '../util/iso8601.ts';
import type { ElementIR, FlowIR, TimerIR, TriggerIR } from './ir.ts';
import { problemFor } from './problems.ts';

type Report = (code: string, message: string, messageFr: string) => void;
type Check = (element: ElementIR, report: Report) => void;
/** A label in both languages, e.g. the part of an element an expression sits in. */
type Label = [en: string, fr: string];

const CATCHABLE: Record<string, TriggerIR['kind'][]> = {
  startEvent: ['timer', 'message', 'signal', 'error', 'escalation'],
  intermediateCatchEvent: ['timer', 'message', 'signal', 'link'],
  boundaryEvent: ['timer', 'message', 'signal', 'error', 'escalation', 'compensation'],
  intermediateThrowEvent: ['message', 'signal', 'escalation', 'link', 'compensation'],
  endEvent: ['message', 'signal', 'error', 'escalation', 'terminate', 'compensation'],
};

export interface ModelContext {
  /** the process, to name it in process-level problems */
  process: { id: string; name?: string };
  hasProcessStart: boolean;
  /** events whose event definition was refused already (not reported again as missing) */
  refusedDefinitions?: Set<string>;
}

/** Every problem that would stop the model running. */
export function validateModel(
  elements: Record<string, ElementIR>,
  flows: Record<string, FlowIR>,
  context: ModelContext,
): ModelProblem[] {
  const problems: ModelProblem[] = [];
  for (const flow of Object.values(flows)) checkFlow(flow, elements, problems);
  for (const element of Object.values(elements)) {
    const report: Report = (code, message, messageFr) => problems.push(problemFor(element, code, message, messageFr));
    for (const check of CHECKS) check(element, report);
    if (
      (element.type === 'intermediateCatchEvent' || element.type === 'boundaryEvent') &&
      !element.trigger &&
      !context.refusedDefinitions?.has(element.id)
    ) {
      report(
        'MISSING_EVENT_DEFINITION',
        'it has no event definition. Give it a timer, message or signal.',
        "il n'a pas de définition d'événement. Donnez-lui une minuterie, un message ou un signal.",
      );
    }
    checkGateway(element, flows, elements, report);
  }
  if (!context.hasProcessStart) {
    problems.push(
      problemFor(
        { id: context.process.id, type: 'process', ...(context.process.name ? { name: context.process.name } : {}) },
        'MISSING_START_EVENT',
        'the process has no start event. Add a start event.',
        "le processus n'a pas d'événement de début. Ajoutez-en un.",
      ),
    );
  }
  return problems;
}

function checkFlow(flow: FlowIR, elements: Record<string, ElementIR>, problems: ModelProblem[]): void {
  const report = (message: string, messageFr: string, code = 'DANGLING_REFERENCE') =>
    problems.push(problemFor({ id: flow.id, type: 'sequenceFlow' }, code, message, messageFr));
  const source = elements[flow.source];
  const target = elements[flow.target];
  if (!source) {
    report(
      `its source ${flow.source} is not a runnable element. Connect it to an existing element.`,
      `sa source ${flow.source} n'est pas un élément exécutable. Reliez-le à un élément existant.`,
    );
  }
  if (!target) {
    report(
      `its target ${flow.target} is not a runnable element. Connect it to an existing element.`,
      `sa cible ${flow.target} n'est pas un élément exécutable. Reliez-le à un élément existant.`,
    );
  }
  if (source && target && source.scope !== target.scope) {
    report(
      'it crosses a sub-process border. Keep both ends inside the same (sub-)process.',
      "il traverse la bordure d'un sous-processus. Gardez ses deux extrémités dans le même (sous-)processus.",
    );
  }
  if (flow.condition) {
    const label: Label = ['its condition', 'sa condition'];
    checkFeel(flow.condition, label, (en, fr) => report(en, fr, 'INVALID_EXPRESSION'), true);
  }
}

/** Reports a FEEL expression (`=…`, or any text when `always`) that does not parse. */
function checkFeel(
  text: string | undefined,
  [label, labelFr]: Label,
  report: (message: string, messageFr: string) => void,
  always = false,
): void {
  if (text === undefined || (!always && !isExpression(text))) return;
  const error = feelSyntaxError(text);
  if (error) {
    report(
      `${label} is not valid FEEL: ${error}. Fix the expression.`,
      `${labelFr} n'est pas du FEEL valide : ${error}. Corrigez l'expression.`,
    );
  }
}

const TIMER_NAMES: Record<keyof TimerIR, Label> = {
  duration: ['duration', 'durée'],
  date: ['date', 'date'],
  cycle: ['cycle', 'cycle'],
};

function checkTimer(timer: TimerIR, report: Report): void {
  const kinds = Object.entries(timer);
  if (kinds.length !== 1) {
    report(
      'INVALID_TIMER',
      'a timer needs exactly one of a duration, a date or a cycle. Set one of them.',
      "une minuterie a besoin d'une durée, d'une date ou d'un cycle, et d'un seul. Renseignez-en un.",
    );
    return;
  }
  const [kind, value] = kinds[0] as [keyof TimerIR, string];
  const [name, nameFr] = TIMER_NAMES[kind];
  if (isExpression(value)) {
    checkFeel(value, [`the timer ${name}`, `la ${nameFr} de la minuterie`], (en, fr) =>
      report('INVALID_EXPRESSION', en, fr),
    );
    return;
  }
  const parse = { duration: parseDuration, date: parseDateTime, cycle: parseCycle }[kind];
  const parsed = parse(value);
  if (kind === 'cycle' && parsed !== undefined && !lastsASecond((parsed as Cycle).interval)) {
    report(
      'INVALID_TIMER',
      `the timer cycle "${value}" repeats every ${(parsed as Cycle).interval.millis / 1000} s; a cycle shorter than a second would fire without end. Give it an interval of a second or more (e.g. R/PT1H).`,
      `le cycle de minuterie « ${value} » se répète toutes les ${(parsed as Cycle).interval.millis / 1000} s ; un cycle de moins d'une seconde se déclencherait sans fin. Donnez-lui un intervalle d'au moins une seconde (par exemple R/PT1H).`,
    );
  }
  if (parsed === undefined) {
    const example = { duration: 'PT2H or P3D', date: '2026-05-01T09:00:00Z', cycle: 'R3/PT1H' }[kind];
    report(
      'INVALID_TIMER',
      `the timer ${name} "${value}" is not ISO 8601. Write it like ${example}, or as a FEEL expression starting with "=".`,
      `la ${nameFr} de minuterie « ${value} » n'est pas au format ISO 8601. Écrivez-la comme ${example.replace(' or ', ' ou ')}, ou en expression FEEL commençant par « = ».`,
    );
  }
}

const checkTrigger: Check = (element, report) => {
  const allowed = CATCHABLE[element.type];
  const trigger = element.trigger;
  if (!trigger) return;
  if (allowed && !allowed.includes(trigger.kind)) {
    report(
      'UNSUPPORTED_ELEMENT',
      `a ${element.type} cannot be a ${trigger.kind} event. Use one of: ${allowed.join(', ')}.`,
      `un ${element.type} ne peut pas être un événement ${trigger.kind}. Utilisez l'un de : ${allowed.join(', ')}.`,
    );
  }
  if (trigger.kind === 'timer') checkTimer(trigger.timer, report);
  if (trigger.kind === 'message') {
    // a message throw or end event with a task definition is a job: it needs no message
    if (!trigger.name && !element.job) {
      report(
        'MISSING_MESSAGE',
        'it refers to no message name. Pick or create a message with a name.',
        'il ne désigne aucun nom de message. Choisissez ou créez un message nommé.',
      );
    }
    checkFeel(trigger.correlationKey, ['the correlation key', 'la clé de corrélation'], (en, fr) =>
      report('INVALID_EXPRESSION', en, fr),
    );
  }
  if (trigger.kind === 'signal' && !trigger.name) {
    report(
      'MISSING_SIGNAL',
      'it refers to no signal name. Pick or create a signal with a name.',
      'il ne désigne aucun nom de signal. Choisissez ou créez un signal nommé.',
    );
  }
};

const checkStart: Check = (element, report) => {
  if (element.type === 'subProcess' && !element.triggeredByEvent && !element.start) {
    report(
      'MISSING_START_EVENT',
      'the sub-process has no none start event. Add one.',
      "le sous-processus n'a pas d'événement de début simple. Ajoutez-en un.",
    );
  }
  if (element.type === 'receiveTask' && element.trigger === undefined) {
    report(
      'MISSING_MESSAGE',
      'the receive task refers to no message. Pick or create a message with a name.',
      'la tâche de réception ne désigne aucun message. Choisissez ou créez un message nommé.',
    );
  }
};

const checkTask: Check = (element, report) => {
  const jobTypes = ['serviceTask', 'sendTask'];
  if (jobTypes.includes(element.type) && !element.job?.type) {
    report(
      'MISSING_JOB_TYPE',
      'it has no job type (zeebe:taskDefinition type). Set the job type the workers handle.',
      "elle n'a pas de type de job (zeebe:taskDefinition type). Renseignez le type que traitent les workers.",
    );
  }
  if (element.type === 'businessRuleTask' && !element.decision && !element.job?.type) {
    report(
      'MISSING_JOB_TYPE',
      'it calls no decision (zeebe:calledDecision) and has no job type (zeebe:taskDefinition type). Call a DMN decision, or set the job type the workers handle.',
      "elle n'appelle aucune décision (zeebe:calledDecision) et n'a pas de type de job (zeebe:taskDefinition type). Appelez une décision DMN, ou renseignez le type que traitent les workers.",
    );
  }
  if (element.type === 'scriptTask' && !element.script && !element.job?.type) {
    report(
      'MISSING_SCRIPT',
      'it has no FEEL expression with a result variable, nor a job type. Set zeebe:script expression and resultVariable.',
      "elle n'a ni expression FEEL avec variable de résultat, ni type de job. Renseignez zeebe:script expression et resultVariable.",
    );
  }
  if (element.type === 'callActivity' && !element.call?.processId) {
    report(
      'MISSING_CALLED_PROCESS',
      'it names no process to call. Set zeebe:calledElement processId.',
      'elle ne désigne aucun processus à appeler. Renseignez zeebe:calledElement processId.',
    );
  }
  const feel = (label: Label, text: string | undefined, always = false) =>
    checkFeel(text, label, (en, fr) => report('INVALID_EXPRESSION', en, fr), always);
  for (const mapping of [...(element.inputs ?? []), ...(element.outputs ?? [])]) {
    if (!mapping.target) {
      report(
        'INVALID_MAPPING',
        'an input or output mapping has no target. Name the variable it sets.',
        "un mapping d'entrée ou de sortie n'a pas de cible. Nommez la variable qu'il renseigne.",
      );
    }
    feel([`the mapping to "${mapping.target}"`, `le mapping vers « ${mapping.target} »`], mapping.source);
  }
  for (const [key, value] of Object.entries(element.userTask ?? {})) feel([key, key], value);
  if (element.script) feel(['the script', 'le script'], element.script.expression, true);
  if (element.call) feel(['the called process id', "l'identifiant du processus appelé"], element.call.processId);
};

const checkMultiInstance: Check = (element, report) => {
  const multi = element.multiInstance;
  if (!multi) return;
  if (!multi.inputCollection) {
    report(
      'MISSING_INPUT_COLLECTION',
      'the multi-instance has no input collection. Set zeebe:loopCharacteristics inputCollection, e.g. "=approvers".',
      "la multi-instance n'a pas de collection d'entrée. Renseignez zeebe:loopCharacteristics inputCollection, par exemple « =approbateurs ».",
    );
  }
  const feel = (label: Label, text: string | undefined) =>
    checkFeel(text, label, (en, fr) => report('INVALID_EXPRESSION', en, fr), true);
  if (multi.inputCollection) feel(['the input collection', "la collection d'entrée"], multi.inputCollection);
  feel(['the output element', "l'élément de sortie"], multi.outputElement);
  feel(['the completion condition', "la condition d'achèvement"], multi.completionCondition);
};

const CHECKS: Check[] = [checkTrigger, checkStart, checkTask, checkMultiInstance];

function checkGateway(
  element: ElementIR,
  flows: Record<string, FlowIR>,
  elements: Record<string, ElementIR>,
  report: Report,
): void {
  if (!element.type.endsWith('Gateway')) return;
  if (element.outgoing.length === 0) {
    report(
      'GATEWAY_WITHOUT_OUTGOING',
      'the gateway has no outgoing sequence flow. Add at least one.',
      "la passerelle n'a aucun flux sortant. Ajoutez-en au moins un.",
    );
    return;
  }
  if ((element.type === 'exclusiveGateway' || element.type === 'inclusiveGateway') && element.outgoing.length > 1) {
    for (const id of element.outgoing) {
      if (id !== element.defaultFlow && flows[id] && !flows[id].condition) {
        report(
          'MISSING_CONDITION',
          `the outgoing flow ${id} has no condition and is not the default flow. Add a condition or mark it as default.`,
          `le flux sortant ${id} n'a pas de condition et n'est pas le flux par défaut. Ajoutez une condition ou marquez-le par défaut.`,
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
          `son flux ${id} mène à ${target.id}, qui n'est pas un événement de réception. Faites-le suivre d'événements minuterie, message ou signal.`,
        );
      }
    }
  }
}

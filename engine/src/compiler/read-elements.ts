// Sandbox-safe: moddle flow elements to IR elements and flows, collecting problems on the way.

import type { ModdleElement } from 'bpmn-moddle';
import type { ModelProblem } from '../runtime/types.ts';
import type { ElementIR, ElementType, FlowIR, MultiInstanceIR, TriggerIR } from './ir.ts';
import { describe, problemAt, shortType } from './problems.ts';
import { attribute, extension, readIoMapping, readJob, readProperties, readUserTask } from './zeebe-extensions.ts';

const RUNNABLE = new Set<string>([
  'startEvent',
  'endEvent',
  'intermediateCatchEvent',
  'intermediateThrowEvent',
  'boundaryEvent',
  'task',
  'manualTask',
  'userTask',
  'serviceTask',
  'sendTask',
  'businessRuleTask',
  'scriptTask',
  'receiveTask',
  'exclusiveGateway',
  'parallelGateway',
  'inclusiveGateway',
  'eventBasedGateway',
  'subProcess',
  'callActivity',
]);

/** Flow elements that carry data but no behaviour: read past them. */
const PASSIVE = new Set(['dataObject', 'dataObjectReference', 'dataStoreReference']);

export interface ReadModel {
  elements: Record<string, ElementIR>;
  flows: Record<string, FlowIR>;
  problems: ModelProblem[];
  /** associations (source → target): a compensation boundary event to its handler */
  associations: { source: string; target: string }[];
  /** events whose definitions were refused (reported once, not again as missing) */
  refusedDefinitions: Set<string>;
}

function list(element: ModdleElement, property: string): ModdleElement[] {
  return (element[property] as ModdleElement[] | undefined) ?? [];
}

function ref(element: ModdleElement, property: string): ModdleElement | undefined {
  return element[property] as ModdleElement | undefined;
}

function body(element: ModdleElement | undefined): string | undefined {
  const value = element?.body;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Reads every flow element of a process (recursively into sub-processes). */
export function readElements(process: ModdleElement): ReadModel {
  const model: ReadModel = { elements: {}, flows: {}, problems: [], associations: [], refusedDefinitions: new Set() };
  readContainer(process, undefined, model);
  // Connect from the flows' own source and target: hand-written XML often omits <incoming>/<outgoing>.
  for (const flow of Object.values(model.flows)) {
    model.elements[flow.source]?.outgoing.push(flow.id);
    model.elements[flow.target]?.incoming.push(flow.id);
  }
  return model;
}

function readContainer(container: ModdleElement, scope: string | undefined, model: ReadModel): void {
  for (const artifact of list(container, 'artifacts')) {
    const source = ref(artifact, 'sourceRef')?.id;
    const target = ref(artifact, 'targetRef')?.id;
    if (artifact.$type === 'bpmn:Association' && source && target) model.associations.push({ source, target });
  }
  for (const element of list(container, 'flowElements')) {
    const type = shortType(element.$type);
    if (!element.id) {
      model.problems.push(
        problemAt(
          element,
          'MISSING_ID',
          `A ${type} has no id. Give every element an id.`,
          `Un élément ${type} n'a pas d'identifiant. Donnez un identifiant à chaque élément.`,
        ),
      );
    } else if (type === 'sequenceFlow') {
      readFlow(element, model);
    } else if (RUNNABLE.has(type)) {
      model.elements[element.id] = readElement(element, type as ElementType, scope, model);
      if (type === 'subProcess') readContainer(element, element.id, model);
    } else if (!PASSIVE.has(type)) {
      model.problems.push(
        problemAt(
          element,
          'UNSUPPORTED_ELEMENT',
          `${describe(element)}: Parvis does not run ${type} elements. Replace it with a supported element (see docs/bpmn-coverage.md).`,
          `${describe(element)} : Parvis n'exécute pas les éléments ${type}. Remplacez-le par un élément pris en charge (voir docs/bpmn-coverage.md).`,
        ),
      );
    }
  }
}

function readFlow(element: ModdleElement, model: ReadModel): void {
  const source = ref(element, 'sourceRef')?.id;
  const target = ref(element, 'targetRef')?.id;
  if (!source || !target) {
    model.problems.push(
      problemAt(
        element,
        'DANGLING_REFERENCE',
        `${describe(element)} has no ${source ? 'target' : 'source'} element. Connect both ends of the sequence flow.`,
        `${describe(element)} n'a pas d'élément ${source ? 'cible' : 'source'}. Reliez les deux extrémités du flux.`,
      ),
    );
    return;
  }
  const condition = body(ref(element, 'conditionExpression'));
  model.flows[element.id!] = { id: element.id!, source, target, ...(condition ? { condition } : {}) };
}

function readElement(
  element: ModdleElement,
  type: ElementType,
  scope: string | undefined,
  model: ReadModel,
): ElementIR {
  const { problems } = model;
  const ir: ElementIR = {
    id: element.id!,
    type,
    incoming: [],
    outgoing: [],
    ...readIoMapping(element),
  };
  if (typeof element.name === 'string' && element.name !== '') ir.name = element.name;
  if (scope) ir.scope = scope;
  const defaultFlow = ref(element, 'default')?.id;
  if (defaultFlow) ir.defaultFlow = defaultFlow;
  const properties = readProperties(element);
  if (Object.keys(properties).length > 0) ir.properties = properties;

  const trigger = readTrigger(element, problems);
  if (trigger) ir.trigger = trigger;
  else if (list(element, 'eventDefinitions').length > 0) model.refusedDefinitions.add(ir.id);
  if (element.isForCompensation === true) ir.forCompensation = true;
  if (type === 'boundaryEvent') {
    ir.interrupting = element.cancelActivity !== false;
    const attached = ref(element, 'attachedToRef')?.id;
    if (attached) ir.attachedTo = attached;
  }
  if (type === 'startEvent' && element.isInterrupting === false) ir.interrupting = false;
  if (type === 'startEvent') {
    const form = readUserTask(element);
    const startForm = form.formId ?? form.formKey;
    if (startForm) ir.startForm = startForm;
  }
  if (type === 'subProcess' && element.triggeredByEvent === true) ir.triggeredByEvent = true;

  const job = readJob(element);
  if (job) ir.job = job;
  if (type === 'businessRuleTask') {
    const called = extension(element, 'zeebe:CalledDecision');
    if (called) {
      ir.decision = {
        decisionId: attribute(called, 'decisionId') ?? '',
        resultVariable: attribute(called, 'resultVariable') ?? '',
      };
    }
  }
  if (type === 'userTask') ir.userTask = readUserTask(element);
  if (type === 'scriptTask') {
    const script = extension(element, 'zeebe:Script');
    const expression = attribute(script, 'expression');
    const resultVariable = attribute(script, 'resultVariable');
    if (expression && resultVariable) ir.script = { expression, resultVariable };
  }
  if (type === 'callActivity') {
    const called = extension(element, 'zeebe:CalledElement');
    ir.call = {
      processId: attribute(called, 'processId') ?? attribute(called, 'processIdExpression') ?? '',
      propagateAllChildVariables: called?.propagateAllChildVariables !== false,
      propagateAllParentVariables: called?.propagateAllParentVariables !== false,
    };
  }
  const loop = ref(element, 'loopCharacteristics');
  if (loop) {
    const multiInstance = readMultiInstance(element, loop, problems);
    if (multiInstance) ir.multiInstance = multiInstance;
  }
  return ir;
}

function readMultiInstance(
  element: ModdleElement,
  loop: ModdleElement,
  problems: ModelProblem[],
): MultiInstanceIR | undefined {
  if (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
    problems.push(
      problemAt(
        element,
        'UNSUPPORTED_ELEMENT',
        `${describe(element)} uses a standard loop, which Parvis does not run. Use a multi-instance with an input collection instead.`,
        `${describe(element)} utilise une boucle standard, que Parvis n'exécute pas. Utilisez plutôt une multi-instance avec une collection d'entrée.`,
      ),
    );
    return undefined;
  }
  const zeebe = extension(loop, 'zeebe:LoopCharacteristics');
  const completionCondition = body(ref(loop, 'completionCondition'));
  const fields = {
    inputElement: attribute(zeebe, 'inputElement'),
    outputCollection: attribute(zeebe, 'outputCollection'),
    outputElement: attribute(zeebe, 'outputElement'),
    completionCondition,
  };
  const multiInstance: MultiInstanceIR = {
    sequential: loop.isSequential === true,
    inputCollection: attribute(zeebe, 'inputCollection') ?? '',
  };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) multiInstance[key as keyof typeof fields] = value;
  }
  return multiInstance;
}

function messageTrigger(message: ModdleElement | undefined): TriggerIR {
  const correlationKey = attribute(message ? extension(message, 'zeebe:Subscription') : undefined, 'correlationKey');
  return { kind: 'message', name: attribute(message, 'name') ?? '', ...(correlationKey ? { correlationKey } : {}) };
}

function readTrigger(element: ModdleElement, problems: ModelProblem[]): TriggerIR | undefined {
  if (element.$type === 'bpmn:ReceiveTask')
    return element.messageRef ? messageTrigger(ref(element, 'messageRef')) : undefined;
  const definitions = list(element, 'eventDefinitions');
  if (definitions.length === 0) return undefined;
  if (definitions.length > 1) {
    problems.push(
      problemAt(
        element,
        'UNSUPPORTED_ELEMENT',
        `${describe(element)} has several event definitions (a multiple event), which Parvis does not run. Keep one.`,
        `${describe(element)} a plusieurs définitions d'événement (événement multiple), ce que Parvis n'exécute pas. N'en gardez qu'une.`,
      ),
    );
    return undefined;
  }
  const definition = definitions[0]!;
  const kind = shortType(definition.$type);
  switch (kind) {
    case 'timerEventDefinition': {
      const timer: { duration?: string; date?: string; cycle?: string } = {};
      const duration = body(ref(definition, 'timeDuration'));
      const date = body(ref(definition, 'timeDate'));
      const cycle = body(ref(definition, 'timeCycle'));
      if (duration) timer.duration = duration;
      if (date) timer.date = date;
      if (cycle) timer.cycle = cycle;
      return { kind: 'timer', timer };
    }
    case 'messageEventDefinition':
      return messageTrigger(ref(definition, 'messageRef'));
    case 'signalEventDefinition':
      return { kind: 'signal', name: attribute(ref(definition, 'signalRef'), 'name') ?? '' };
    case 'errorEventDefinition': {
      const error = ref(definition, 'errorRef');
      const code = attribute(error, 'errorCode');
      const message = attribute(error, 'errorMessage') ?? attribute(error, 'name');
      return { kind: 'error', ...(code ? { code } : {}), ...(message ? { message } : {}) };
    }
    case 'escalationEventDefinition': {
      const code = attribute(ref(definition, 'escalationRef'), 'escalationCode');
      return { kind: 'escalation', ...(code ? { code } : {}) };
    }
    case 'terminateEventDefinition':
      return { kind: 'terminate' };
    case 'linkEventDefinition':
      return { kind: 'link', name: attribute(definition, 'name') ?? '' };
    case 'compensateEventDefinition': {
      const activity = ref(definition, 'activityRef')?.id;
      return {
        kind: 'compensation',
        ...(activity ? { activity } : {}),
        ...(definition.waitForCompletion === false ? { wait: false } : {}),
      };
    }
    default:
      problems.push(
        problemAt(
          element,
          'UNSUPPORTED_ELEMENT',
          `${describe(element)} uses a ${kind}, which Parvis does not run. Use a timer, message, signal, error, escalation, compensation, terminate or link event.`,
          `${describe(element)} utilise une ${kind}, que Parvis n'exécute pas. Utilisez un événement minuterie, message, signal, erreur, escalade, compensation, fin brutale ou lien.`,
        ),
      );
      return undefined;
  }
}

// Benchmark models, written once and rendered for both engines: conditions are FEEL for Parvis
// (`=branch1`) and a property expression for bpmn-engine (`${environment.variables.branch1}`),
// both reading the same boolean variable. Everything else is the same XML.

export type Dialect = 'parvis' | 'bpmn-engine';

export interface BenchModel {
  name: string;
  xml: (dialect: Dialect) => string;
  variables: Record<string, boolean | number | string>;
}

const HEADER = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="bench-definitions" targetNamespace="http://parvis.bench">`;

class Writer {
  readonly nodes: string[] = [];
  readonly flows: string[] = [];
  private count = 0;
  constructor(readonly dialect: Dialect) {}

  id(prefix: string): string {
    this.count += 1;
    return `${prefix}_${this.count}`;
  }

  node(xml: string): void {
    this.nodes.push(xml);
  }

  flow(source: string, target: string, variable?: string): string {
    const id = this.id('flow');
    const condition = variable
      ? `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${this.dialect === 'parvis' ? `=${variable}` : `\${environment.variables.${variable}}`}</bpmn:conditionExpression>`
      : '';
    this.flows.push(
      `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}">${condition}</bpmn:sequenceFlow>`,
    );
    return id;
  }

  userTask(): string {
    const id = this.id('review');
    this.node(`<bpmn:userTask id="${id}" />`);
    return id;
  }

  serviceTask(): string {
    const id = this.id('job');
    this.node(
      `<bpmn:serviceTask id="${id}" implementation="\${environment.services.work}"><bpmn:extensionElements><zeebe:taskDefinition type="work" /></bpmn:extensionElements></bpmn:serviceTask>`,
    );
    return id;
  }

  manualTask(): string {
    const id = this.id('stamp');
    this.node(`<bpmn:manualTask id="${id}" />`);
    return id;
  }

  multiInstanceTask(items: number): string {
    const id = this.id('approve');
    const collection = `=[${Array.from({ length: items }, (_, i) => i + 1).join(',')}]`;
    this.node(`<bpmn:userTask id="${id}"><bpmn:multiInstanceLoopCharacteristics>
      <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="${collection}" inputElement="item" /></bpmn:extensionElements>
      <bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">${items}</bpmn:loopCardinality>
    </bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>`);
    return id;
  }

  /** Chains element ids with flows; returns the last. */
  chain(ids: string[]): string {
    for (let i = 1; i < ids.length; i++) this.flow(ids[i - 1]!, ids[i]!);
    return ids[ids.length - 1]!;
  }

  render(processId: string): string {
    return `${HEADER}
<bpmn:process id="${processId}" isExecutable="true">
${this.nodes.join('\n')}
${this.flows.join('\n')}
</bpmn:process>
</bpmn:definitions>`;
  }
}

/** A branch that takes one of two tasks by an exclusive gateway, then merges: 5 elements. */
function decision(w: Writer, variable: string): { entry: string; exit: string } {
  const split = w.id('decide');
  const merge = w.id('merge');
  const yes = w.userTask();
  const no = w.manualTask();
  w.flow(split, yes, variable);
  const fallback = w.flow(split, no);
  w.node(`<bpmn:exclusiveGateway id="${split}" default="${fallback}" />`);
  w.node(`<bpmn:exclusiveGateway id="${merge}" />`);
  w.flow(yes, merge);
  w.flow(no, merge);
  return { entry: split, exit: merge };
}

/** 50 flow nodes: parallel branches with exclusive decisions, an inclusive split, a 5-item multi-instance. */
function gatewaysModel(dialect: Dialect): string {
  const w = new Writer(dialect);
  const start = w.id('start');
  const end = w.id('end');
  w.node(`<bpmn:startEvent id="${start}" />`);
  w.node(`<bpmn:endEvent id="${end}" />`);
  const fork = w.id('fork');
  const join = w.id('join');
  w.node(`<bpmn:parallelGateway id="${fork}" />`);
  w.node(`<bpmn:parallelGateway id="${join}" />`);
  w.chain([start, w.serviceTask(), fork]);
  for (let branch = 0; branch < 3; branch++) {
    const first = w.userTask();
    const choice = decision(w, `branch${branch}`);
    const last = w.serviceTask();
    w.flow(fork, first);
    w.chain([first, choice.entry]);
    w.chain([choice.exit, last, join]);
  }
  const split = w.id('notify');
  const gather = w.id('notified');
  w.node(`<bpmn:inclusiveGateway id="${split}" />`);
  w.node(`<bpmn:inclusiveGateway id="${gather}" />`);
  w.flow(join, split);
  for (const variable of ['byEmail', 'byPost']) {
    const a = w.serviceTask();
    const b = w.manualTask();
    w.flow(split, a, variable);
    w.chain([a, b, gather]);
  }
  const tail = [gather, w.multiInstanceTask(5)];
  while (w.nodes.length < 49)
    tail.push(w.nodes.length % 3 === 0 ? w.userTask() : w.nodes.length % 3 === 1 ? w.serviceTask() : w.manualTask());
  tail.push(end);
  w.chain(tail);
  return w.render('gateways50');
}

/** A straight line of user and service tasks. */
function sequenceModel(dialect: Dialect): string {
  const w = new Writer(dialect);
  const ids = [w.id('start')];
  w.node(`<bpmn:startEvent id="${ids[0]}" />`);
  for (let i = 0; i < 10; i++) ids.push(i % 2 === 0 ? w.userTask() : w.serviceTask());
  const end = w.id('end');
  w.node(`<bpmn:endEvent id="${end}" />`);
  ids.push(end);
  w.chain(ids);
  return w.render('sequence12');
}

/** About `size` flow nodes in chained parallel blocks, for compile time. */
export function largeModel(size: number): string {
  const w = new Writer('parvis');
  const start = w.id('start');
  w.node(`<bpmn:startEvent id="${start}" />`);
  let last = start;
  while (w.nodes.length < size - 1) {
    const fork = w.id('fork');
    const join = w.id('join');
    w.node(`<bpmn:parallelGateway id="${fork}" />`);
    w.node(`<bpmn:parallelGateway id="${join}" />`);
    w.flow(last, fork);
    const choice = decision(w, 'branch0');
    w.flow(fork, choice.entry);
    w.flow(choice.exit, join);
    w.chain([fork, w.userTask(), w.serviceTask(), join]);
    last = join;
  }
  const end = w.id('end');
  w.node(`<bpmn:endEvent id="${end}" />`);
  w.flow(last, end);
  return w.render('large');
}

export const BENCH_MODELS: BenchModel[] = [
  { name: 'sequence (12 elements)', xml: sequenceModel, variables: {} },
  {
    name: 'gateways + multi-instance (50 elements)',
    xml: gatewaysModel,
    variables: { branch0: true, branch1: false, branch2: true, byEmail: true, byPost: false },
  },
];

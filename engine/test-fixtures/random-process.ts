// Test helpers: random well-formed (block-structured) processes for property tests and benchmarks.

import fc from 'fast-check';

export type TaskKind =
  | 'userTask'
  | 'serviceTask'
  | 'manualTask'
  | 'scriptTask'
  | 'timer'
  | 'multiInstance'
  | 'reminder'
  | 'deadline'
  | 'eventGateway';

export type Block =
  | { kind: 'task'; task: TaskKind }
  | { kind: 'sequence'; blocks: Block[] }
  | { kind: 'parallel' | 'exclusive' | 'inclusive'; branches: Block[] }
  | { kind: 'subProcess'; body: Block };

/** Random blocks up to a depth; branches of gateways are 2–3 wide. */
export function blockArbitrary(depth = 3): fc.Arbitrary<Block> {
  const task: fc.Arbitrary<Block> = fc
    .constantFrom<TaskKind>(
      'userTask',
      'serviceTask',
      'manualTask',
      'scriptTask',
      'timer',
      'multiInstance',
      'reminder',
      'deadline',
      'eventGateway',
    )
    .map((kind) => ({ kind: 'task', task: kind }) as Block);
  if (depth === 0) return task;
  const inner = blockArbitrary(depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: task },
    {
      weight: 2,
      arbitrary: fc
        .array(inner, { minLength: 2, maxLength: 3 })
        .map((blocks) => ({ kind: 'sequence', blocks }) as Block),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom('parallel', 'exclusive', 'inclusive' as const),
          fc.array(inner, { minLength: 2, maxLength: 3 }),
        )
        .map(([kind, branches]) => ({ kind, branches }) as Block),
    },
    { weight: 1, arbitrary: inner.map((body) => ({ kind: 'subProcess', body }) as Block) },
  );
}

export interface Rendered {
  xml: string;
  /** gateway id of each join → element ids inside its branches, and the last element of each branch */
  joins: Record<string, { kind: 'parallel' | 'inclusive' | 'exclusive'; inside: string[]; exits: string[] }>;
}

/** Renders a block as a BPMN process. Exclusive branch i runs when `route = i`; inclusive when `routes` contains i. */
export function renderProcess(block: Block): Rendered {
  let counter = 0;
  const joins: Rendered['joins'] = {};
  const next = (prefix: string) => `${prefix}${++counter}`;

  function render(node: Block): { entry: string; exit: string; xml: string[]; ids: string[] } {
    switch (node.kind) {
      case 'task': {
        if (node.task === 'reminder' || node.task === 'deadline' || node.task === 'eventGateway') {
          return renderWaiting(node.task);
        }
        const id = next(node.task === 'timer' ? 'wait' : node.task);
        const xml = {
          userTask: `<bpmn:userTask id="${id}" />`,
          serviceTask: `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="work" /></bpmn:extensionElements></bpmn:serviceTask>`,
          manualTask: `<bpmn:manualTask id="${id}" />`,
          scriptTask: `<bpmn:scriptTask id="${id}"><bpmn:extensionElements><zeebe:script expression="=${counter}" resultVariable="last" /></bpmn:extensionElements></bpmn:scriptTask>`,
          timer: `<bpmn:intermediateCatchEvent id="${id}"><bpmn:timerEventDefinition><bpmn:timeDuration>PT${counter}H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`,
          multiInstance: `<bpmn:userTask id="${id}"><bpmn:multiInstanceLoopCharacteristics isSequential="${counter % 2 === 0}"><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=[1, 2]" inputElement="item" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>`,
        }[node.task];
        return { entry: id, exit: id, xml: [xml], ids: [id] };
      }
      case 'sequence': {
        const parts = node.blocks.map(render);
        const xml = parts.flatMap((part) => part.xml);
        for (let i = 1; i < parts.length; i++) xml.push(flow(next('f'), parts[i - 1]!.exit, parts[i]!.entry));
        return { entry: parts[0]!.entry, exit: parts.at(-1)!.exit, xml, ids: parts.flatMap((part) => part.ids) };
      }
      case 'subProcess': {
        const id = next('sub');
        const start = next('subStart');
        const end = next('subEnd');
        const body = render(node.body);
        const xml = [
          `<bpmn:subProcess id="${id}"><bpmn:startEvent id="${start}" /><bpmn:endEvent id="${end}" />`,
          ...body.xml,
          flow(next('f'), start, body.entry),
          flow(next('f'), body.exit, end),
          '</bpmn:subProcess>',
        ];
        return { entry: id, exit: id, xml, ids: [id, start, end, ...body.ids] };
      }
      default: {
        const type = `${node.kind}Gateway`;
        const fork = next(`${node.kind}Fork`);
        const join = next(`${node.kind}Join`);
        const branches = node.branches.map(render);
        const defaultIndex = node.kind === 'exclusive' ? branches.length - 1 : 0;
        const flows = branches.map(() => next('f'));
        const xml = [
          `<bpmn:${type} id="${fork}"${node.kind === 'parallel' ? '' : ` default="${flows[defaultIndex]}"`} />`,
          `<bpmn:${type} id="${join}" />`,
        ];
        branches.forEach((branch, index) => {
          xml.push(...branch.xml);
          const condition =
            node.kind === 'parallel' || index === defaultIndex
              ? undefined
              : node.kind === 'exclusive'
                ? `=route = ${index}`
                : `=list contains(routes, ${index})`;
          xml.push(flow(flows[index]!, fork, branch.entry, condition), flow(next('f'), branch.exit, join));
        });
        const ids = branches.flatMap((branch) => branch.ids);
        joins[join] = { kind: node.kind, inside: ids, exits: branches.map((branch) => branch.exit) };
        return { entry: fork, exit: join, xml, ids: [fork, join, ...ids] };
      }
    }
  }

  /** A user task with a timer boundary (a reminder that ends on its own, or a deadline that
   * interrupts and rejoins), or an event-based gateway between a message and a timer. */
  function renderWaiting(kind: 'reminder' | 'deadline' | 'eventGateway'): ReturnType<typeof render> {
    const merge = next('merge');
    const timer = (id: string, tag: string, extra: string) =>
      `<bpmn:${tag} id="${id}"${extra}><bpmn:timerEventDefinition><bpmn:timeDuration>PT${counter}H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:${tag}>`;
    if (kind === 'eventGateway') {
      const gateway = next('choose');
      const message = next('reply');
      const wait = next('noReply');
      const xml = [
        `<bpmn:eventBasedGateway id="${gateway}" />`,
        `<bpmn:intermediateCatchEvent id="${message}"><bpmn:messageEventDefinition messageRef="replyMessage" /></bpmn:intermediateCatchEvent>`,
        timer(wait, 'intermediateCatchEvent', ''),
        `<bpmn:exclusiveGateway id="${merge}" />`,
        flow(next('f'), gateway, message),
        flow(next('f'), gateway, wait),
        flow(next('f'), message, merge),
        flow(next('f'), wait, merge),
      ];
      return { entry: gateway, exit: merge, xml, ids: [gateway, message, wait, merge] };
    }
    const task = next('userTask');
    const boundary = next(kind);
    const interrupting = kind === 'deadline';
    const after = interrupting ? merge : next('reminded');
    const xml = [
      `<bpmn:userTask id="${task}" />`,
      timer(boundary, 'boundaryEvent', ` attachedToRef="${task}" cancelActivity="${interrupting}"`),
      `<bpmn:exclusiveGateway id="${merge}" />`,
      flow(next('f'), task, merge),
    ];
    if (interrupting) xml.push(flow(next('f'), boundary, merge));
    else xml.push(`<bpmn:endEvent id="${after}" />`, flow(next('f'), boundary, after));
    return { entry: task, exit: merge, xml, ids: [task, boundary, merge, ...(interrupting ? [] : [after])] };
  }

  const body = render(block);
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="random-definitions">
<bpmn:process id="random" isExecutable="true">
<bpmn:startEvent id="start" /><bpmn:endEvent id="end" />
${body.xml.join('\n')}
${flow('fStart', 'start', body.entry)}
${flow('fEnd', body.exit, 'end')}
</bpmn:process>
<bpmn:message id="replyMessage" name="reply" />
</bpmn:definitions>`;
  return { xml, joins };
}

function flow(id: string, source: string, target: string, condition?: string): string {
  const body = condition ? `<bpmn:conditionExpression>${condition}</bpmn:conditionExpression>` : '';
  return `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}">${body}</bpmn:sequenceFlow>`;
}

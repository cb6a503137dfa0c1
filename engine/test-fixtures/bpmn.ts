// Test helpers: write small BPMN models inline and drive them through the interpreter.

import { compile } from '../src/compiler/compile.ts';
import { handle, type StartInput, start } from '../src/runtime/interpreter.ts';
import type { TraceAction, TraceEntry } from '../src/runtime/trace.ts';
import type { Command, EngineEvent, ProcessIR, Step } from '../src/runtime/types.ts';

/** Wraps process content (elements and flows) into a full BPMN document with the zeebe namespace. */
export function bpmn(content: string, options: { definitions?: string; processAttributes?: string } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="definitions" targetNamespace="http://parvis.test">
  <bpmn:process id="test" name="Test process" isExecutable="true" ${options.processAttributes ?? ''}>
${content}
  </bpmn:process>
${options.definitions ?? ''}
</bpmn:definitions>`;
}

/** `<sequenceFlow>` from source to target, with an optional FEEL condition. */
export function flow(id: string, source: string, target: string, condition?: string): string {
  const body = condition
    ? `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${condition.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</bpmn:conditionExpression>`
    : '';
  return `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}">${body}</bpmn:sequenceFlow>`;
}

/** Flows along a chain of element ids: f1 a→b, f2 b→c … with a prefix to keep ids unique. */
export function chain(ids: string[], prefix = 'f'): string {
  return ids
    .slice(1)
    .map((id, index) => flow(`${prefix}${index + 1}`, ids[index]!, id))
    .join('\n');
}

export async function compiled(xml: string): Promise<ProcessIR> {
  const result = await compile(xml);
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.ir;
}

export const T0 = '2026-03-02T09:00:00.000Z';

/** An instance driven step by step, keeping every command, event and trace entry. */
export class Driver {
  step: Step;
  readonly events: EngineEvent[] = [];
  readonly commands: Command[] = [];
  readonly trace: TraceEntry[] = [];

  constructor(
    readonly ir: ProcessIR,
    input: Partial<StartInput> = {},
  ) {
    this.step = start(ir, { time: T0, ...input }, { trace: true });
    this.record();
  }

  get state() {
    return this.step.state;
  }

  send(event: EngineEvent): Command[] {
    this.events.push(event);
    this.step = handle(this.ir, this.step.state, event, { trace: true });
    this.record();
    return this.step.commands;
  }

  /** Element ids in the order they did one of these actions; by default the path taken (completed or ended). */
  path(...actions: TraceAction[]): string[] {
    const wanted = actions.length > 0 ? actions : ['completed', 'ended'];
    return this.trace.filter((entry) => wanted.includes(entry.action)).map((entry) => entry.elementId);
  }

  /** The last command of a type (e.g. the open task to complete). */
  last<T extends Command['type']>(type: T): Extract<Command, { type: T }> {
    const found = [...this.commands].reverse().find((command) => command.type === type);
    if (!found) throw new Error(`no ${type} command among ${this.commands.map((c) => c.type).join(', ')}`);
    return found as Extract<Command, { type: T }>;
  }

  all<T extends Command['type']>(type: T): Extract<Command, { type: T }>[] {
    return this.commands.filter((command) => command.type === type) as Extract<Command, { type: T }>[];
  }

  completeTask(elementId: string, variables: Record<string, never> | object = {}, time = T0): Command[] {
    const task = this.all('openTask').find((command) => command.elementId === elementId && this.isOpen(command.taskId));
    if (!task) throw new Error(`no open task for ${elementId}`);
    return this.send({ type: 'taskCompleted', taskId: task.taskId, variables: variables as never, time });
  }

  completeJob(elementId: string, variables: object = {}, time = T0): Command[] {
    const job = this.all('runJob').find((command) => command.elementId === elementId && this.isOpen(command.jobId));
    if (!job) throw new Error(`no running job for ${elementId}`);
    return this.send({ type: 'jobCompleted', jobId: job.jobId, variables: variables as never, time });
  }

  private record(): void {
    this.commands.push(...this.step.commands);
    this.trace.push(...(this.step.trace ?? []));
  }

  private isOpen(instanceId: string): boolean {
    const instances = this.state.instances as Record<string, { wait?: string }>;
    return instances[instanceId]?.wait !== undefined;
  }
}

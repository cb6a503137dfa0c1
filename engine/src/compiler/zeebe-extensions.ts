// Sandbox-safe: reading zeebe extension elements (Camunda 8) off a moddle element.

import type { ModdleElement } from 'bpmn-moddle';
import type { JobIR, MappingIR, UserTaskIR } from './ir.ts';

/** The first extension element of `type` (e.g. `zeebe:TaskDefinition`). */
export function extension(element: ModdleElement, type: string): ModdleElement | undefined {
  const container = element.extensionElements as ModdleElement | undefined;
  const values = (container?.values as ModdleElement[] | undefined) ?? [];
  return values.find((value) => value.$type === type);
}

function text(element: ModdleElement | undefined, property: string): string | undefined {
  const value = element?.[property];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** zeebe:properties as name → value. */
export function readProperties(element: ModdleElement): Record<string, string> {
  const list = (extension(element, 'zeebe:Properties')?.properties as ModdleElement[] | undefined) ?? [];
  const properties: Record<string, string> = {};
  for (const property of list) {
    const name = text(property, 'name');
    if (name) properties[name] = text(property, 'value') ?? '';
  }
  return properties;
}

function mappings(list: unknown): MappingIR[] | undefined {
  const parameters = (list as ModdleElement[] | undefined) ?? [];
  if (parameters.length === 0) return undefined;
  return parameters.map((parameter) => ({
    source: text(parameter, 'source') ?? '=null',
    target: text(parameter, 'target') ?? '',
  }));
}

/** zeebe:ioMapping inputs and outputs. */
export function readIoMapping(element: ModdleElement): { inputs?: MappingIR[]; outputs?: MappingIR[] } {
  const io = extension(element, 'zeebe:IoMapping');
  if (!io) return {};
  const inputs = mappings(io.inputParameters);
  const outputs = mappings(io.outputParameters);
  return { ...(inputs ? { inputs } : {}), ...(outputs ? { outputs } : {}) };
}

/** zeebe:taskDefinition and zeebe:taskHeaders, when the element is job-based. */
export function readJob(element: ModdleElement): JobIR | undefined {
  const definition = extension(element, 'zeebe:TaskDefinition');
  if (!definition) return undefined;
  const headers: Record<string, string> = {};
  for (const header of (extension(element, 'zeebe:TaskHeaders')?.values as ModdleElement[] | undefined) ?? []) {
    const key = text(header, 'key');
    if (key) headers[key] = text(header, 'value') ?? '';
  }
  return { type: text(definition, 'type') ?? '', retries: text(definition, 'retries') ?? '3', headers };
}

/** Assignment, form, schedule and priority of a user task. */
export function readUserTask(element: ModdleElement): UserTaskIR {
  const assignment = extension(element, 'zeebe:AssignmentDefinition');
  const form = extension(element, 'zeebe:FormDefinition');
  const schedule = extension(element, 'zeebe:TaskSchedule');
  const priority = extension(element, 'zeebe:PriorityDefinition');
  const entries: [keyof UserTaskIR, string | undefined][] = [
    ['assignee', text(assignment, 'assignee')],
    ['candidateGroups', text(assignment, 'candidateGroups')],
    ['candidateUsers', text(assignment, 'candidateUsers')],
    ['formKey', text(form, 'formKey')],
    ['formId', text(form, 'formId')],
    ['dueDate', text(schedule, 'dueDate')],
    ['followUpDate', text(schedule, 'followUpDate')],
    ['priority', text(priority, 'priority')],
  ];
  const userTask: UserTaskIR = {};
  for (const [key, value] of entries) if (value !== undefined) userTask[key] = value;
  return userTask;
}

export { text as attribute };

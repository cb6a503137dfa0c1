// Sandbox-safe: work handed to the host — user tasks, jobs and call activities.

import type { ElementIR } from '../compiler/ir.ts';
import type { Run } from './run.ts';
import type { Json } from './types.ts';
import { visibleVariables } from './variables.ts';

function list(value: Json): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') {
    return value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }
  return [];
}

/** Resolves several zeebe attributes; on the first failure raises an incident and returns undefined. */
function resolveAll(
  run: Run,
  instanceId: string,
  attributes: Record<string, string | undefined>,
): Record<string, Json> | undefined {
  const values: Record<string, Json> = {};
  for (const [key, text] of Object.entries(attributes)) {
    if (text === undefined) continue;
    const result = run.resolve(text, instanceId);
    if (!result.ok) {
      const elementId = run.state.instances[instanceId]!.el;
      const message = `The ${key} of ${elementId} (${text}) failed: ${result.message}. Fix the variables, then resolve the incident.`;
      run.raiseIncident(instanceId, 'EXPRESSION_FAILED', message, { op: 'activate', inst: instanceId });
      return undefined;
    }
    values[key] = result.value;
  }
  return values;
}

function text(value: Json | undefined): string | undefined {
  return value === undefined || value === null || value === '' ? undefined : String(value);
}

/** User task: the host opens it in the agents' inbox. */
export function openTask(run: Run, instanceId: string, element: ElementIR): void {
  const userTask = element.userTask ?? {};
  const values = resolveAll(run, instanceId, {
    assignee: userTask.assignee,
    candidateGroups: userTask.candidateGroups,
    candidateUsers: userTask.candidateUsers,
    dueDate: userTask.dueDate,
    followUpDate: userTask.followUpDate,
    priority: userTask.priority,
  });
  if (!values) return;
  const assignee = text(values.assignee);
  const dueDate = text(values.dueDate);
  const followUpDate = text(values.followUpDate);
  const priority = values.priority === undefined || values.priority === null ? undefined : Number(values.priority);
  run.state.instances[instanceId]!.wait = 'task';
  run.note(instanceId, 'waiting', 'user task');
  run.emit({
    type: 'openTask',
    taskId: instanceId,
    elementId: element.id,
    ...(element.name ? { name: element.name } : {}),
    ...(assignee ? { assignee } : {}),
    candidateGroups: list(values.candidateGroups ?? null),
    candidateUsers: list(values.candidateUsers ?? null),
    ...(userTask.formKey ? { formKey: userTask.formKey } : {}),
    ...(userTask.formId ? { formId: userTask.formId } : {}),
    ...(dueDate ? { dueDate } : {}),
    ...(followUpDate ? { followUpDate } : {}),
    ...(priority !== undefined && Number.isFinite(priority) ? { priority } : {}),
    properties: { ...element.properties },
    variables: run.snapshot(visibleVariables(run.state, instanceId)),
  });
}

/** Service, send, business-rule and job-based script tasks and throw events: a job for a worker. */
export function runJob(run: Run, instanceId: string, element: ElementIR): void {
  const job = element.job!;
  const values = resolveAll(run, instanceId, { jobType: job.type, retries: job.retries });
  if (!values) return;
  const retries = Number(values.retries);
  run.state.instances[instanceId]!.wait = 'job';
  run.note(instanceId, 'waiting', `job ${String(values.jobType)}`);
  run.emit({
    type: 'runJob',
    jobId: instanceId,
    elementId: element.id,
    jobType: String(values.jobType),
    retries: Number.isFinite(retries) ? retries : 3,
    headers: { ...job.headers },
    variables: run.snapshot(visibleVariables(run.state, instanceId)),
  });
}

/** Call activity: the host starts the called process with these variables. */
export function startCall(run: Run, instanceId: string, element: ElementIR): void {
  const call = element.call!;
  const values = resolveAll(run, instanceId, { processId: call.processId });
  if (!values) return;
  const instance = run.state.instances[instanceId]!;
  const variables = element.inputs
    ? { ...instance.vars }
    : call.propagateAllParentVariables
      ? visibleVariables(run.state, instanceId)
      : {};
  instance.wait = 'call';
  run.note(instanceId, 'waiting', `call ${String(values.processId)}`);
  run.emit({
    type: 'startCall',
    callId: instanceId,
    elementId: element.id,
    processId: String(values.processId),
    variables: run.snapshot(variables),
  });
}

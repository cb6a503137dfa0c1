// Sandbox-safe: update validators. What they refuse never enters the request's history.
import { elementProperties, type FormSchema, namesAgent, type Variables, validateForm } from '@parvis/engine/runtime';
import { ApplicationFailure } from '@temporalio/workflow';
import type { DeliverSignalArgs } from '../activities/messages/deliver-signal.ts';
import type {
  Actor,
  CompleteTaskArgs,
  CorrectDataArgs,
  DeliverMessageArgs,
  MessageWait,
  OpenIncident,
  OpenTask,
  RequestWorkflowInput,
  ResolveIncidentArgs,
} from '../messages.ts';

/** Checks that the task is open, the agent may complete it and the data passes its form; returns the data to keep. */
export function validateCompletion(
  input: RequestWorkflowInput,
  openTasks: Map<string, OpenTask>,
  args: CompleteTaskArgs,
): Variables {
  const task = openTasks.get(args.taskKey);
  if (!task) {
    throw ApplicationFailure.nonRetryable(
      `La tâche ${args.taskKey} n'est pas ouverte sur la demande ${input.trackingCode}. / Task ${args.taskKey} is not open.`,
      'TASK_NOT_OPEN',
    );
  }
  const mayWork = (actor: Actor) =>
    task.assignee === actor.id ||
    namesAgent(task.candidateUsers, actor) ||
    task.candidateGroups.some((group) => actor.groups.includes(group));
  const delegator = args.signature?.onBehalfOf?.actor;
  const allowed = mayWork(args.actor) || (delegator !== undefined && mayWork(delegator));
  if (!allowed) {
    throw ApplicationFailure.nonRetryable(
      `${args.actor.displayName} n'est ni dans les groupes ni parmi les agents de la tâche « ${task.name ?? task.elementId} » (${[...task.candidateGroups, ...task.candidateUsers].join(', ')}). / Not among the task's groups or agents.`,
      'NOT_ALLOWED',
    );
  }
  validateSignature(input, task, args);
  const form = task.formId ? input.forms[task.formId] : undefined;
  if (!form) return args.data;
  const result = validateForm(form as unknown as FormSchema, args.data);
  if (!result.ok)
    throw ApplicationFailure.nonRetryable(
      'Le formulaire de la tâche contient des erreurs. / The task form has errors.',
      'FORM_INVALID',
      result.errors,
    );
  return result.data;
}

/** A second completion of a task whose first is still being recorded: the first one counts. */
export function taskAlreadyCompleted(input: RequestWorkflowInput, taskKey: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(
    `La tâche ${taskKey} de la demande ${input.trackingCode} vient d'être traitée. / Task ${taskKey} was just completed.`,
    'TASK_NOT_OPEN',
  );
}

/** Refuses a message the request does not wait for. */
export function validateMessage(
  input: RequestWorkflowInput,
  waits: Map<string, MessageWait>,
  args: DeliverMessageArgs,
): void {
  if (![...waits.values()].some((w) => w.messageName === args.messageName)) {
    throw ApplicationFailure.nonRetryable(
      `La demande ${input.trackingCode} n'attend pas de message « ${args.messageName} ». / The request waits for no such message.`,
      'NOT_WAITING',
    );
  }
}

/** Refuses a signal the request does not wait for. */
export function validateSignal(input: RequestWorkflowInput, awaited: string[], args: DeliverSignalArgs): void {
  if (!awaited.includes(args.signalName))
    throw ApplicationFailure.nonRetryable(
      `La demande ${input.trackingCode} n'attend pas de signal « ${args.signalName} ». / The request waits for no such signal.`,
      'NOT_WAITING',
    );
}

/** Refuses a correction already taken (a second click, a retried call), or one that changes nothing. */
export function validateCorrection(input: RequestWorkflowInput, taken: Set<string>, args: CorrectDataArgs): void {
  if (taken.has(args.correctionId)) {
    throw ApplicationFailure.nonRetryable(
      `La correction ${args.correctionId} de la demande ${input.trackingCode} est déjà prise en compte. / This correction was already taken.`,
      'ALREADY_ANSWERED',
    );
  }
  if (Object.keys(args.values).length === 0) {
    throw ApplicationFailure.nonRetryable(
      'Une correction porte sur au moins un champ. / A correction changes at least one field.',
      'BAD_USER_INPUT',
    );
  }
}

/** Refuses to resolve an incident the request does not have. */
export function validateResolution(
  input: RequestWorkflowInput,
  incidents: Map<string, OpenIncident>,
  args: ResolveIncidentArgs,
): void {
  if (!incidents.has(args.incidentId)) {
    throw ApplicationFailure.nonRetryable(
      `La demande ${input.trackingCode} n'a pas d'incident ${args.incidentId}. / No such incident on this request.`,
      'INCIDENT_NOT_OPEN',
    );
  }
}

/** A step whose element says `signature: required` takes only a signed decision, and the data is what was signed. */
function validateSignature(input: RequestWorkflowInput, task: OpenTask, args: CompleteTaskArgs): void {
  const required = elementProperties(input.ir, task.elementId).signature === 'required';
  const where = `« ${task.name ?? task.elementId} » (${input.trackingCode})`;
  if (required && !args.signature) {
    throw ApplicationFailure.nonRetryable(
      `L'étape ${where} demande une décision signée : signez-la depuis le parapheur. / This step takes a signed decision only.`,
      'SIGNATURE_REQUIRED',
    );
  }
  if (args.signature && args.data.decision !== args.signature.decision) {
    throw ApplicationFailure.nonRetryable(
      `La décision transmise pour ${where} n'est pas celle qui a été signée. / The decision sent is not the one signed.`,
      'SIGNATURE_INVALID',
    );
  }
}

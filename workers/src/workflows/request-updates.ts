// Sandbox-safe: what people send a running request — a task's completion, a message, a correction,
// a merge, an incident's resolution. Each is checked by its validator (what it refuses never enters
// history), written down by the lifecycle, then delivered as an engine event; the update answers
// once PostgreSQL shows its effects.
import { type EngineEvent, type RequestLifecycle, signalsAwaited } from '@parvis/engine/runtime';
import { patched, setHandler } from '@temporalio/workflow';
import { type DeliverSignalArgs, deliverSignalUpdate } from '../activities/messages/deliver-signal.ts';
import {
  type CompleteTaskArgs,
  type CorrectDataArgs,
  completeTaskUpdate,
  correctDataUpdate,
  type DeliverMessageArgs,
  deliverMessageUpdate,
  type MergeIntoArgs,
  mergeIntoUpdate,
  type RequestWorkflowInput,
  type ResolveIncidentArgs,
  resolveIncidentUpdate,
} from '../messages.ts';
import { validateMerge } from './merge-into.ts';
import { signedEntry } from './signed-entry.ts';
import {
  taskAlreadyCompleted,
  validateCompletion,
  validateCorrection,
  validateMessage,
  validateResolution,
  validateSignal,
} from './validators.ts';

/**
 * Requests take corrections of their data (correctData) since this marker, set when the first one
 * is handled. A history recorded before holds no such update (one no handler takes is refused
 * before it enters history), so it replays unchanged; one that holds it replays with its handler.
 */
const DATA_CORRECTIONS = 'data-corrections';

/**
 * Requests may be merged into another (mergeInto) since this marker, set when the first merge is
 * handled: a history recorded before holds no such update, so it replays unchanged.
 */
const MERGES = 'merges';

/** `settle` queues an engine event and resolves once PostgreSQL shows its effects. */
export function listenToPeople(
  input: RequestWorkflowInput,
  lifecycle: RequestLifecycle,
  settle: (event: EngineEvent) => Promise<{ accepted: true }>,
  now: () => string,
): void {
  const correctionsTaken = new Set<string>();
  /** tasks whose completion is taken and being recorded: a second one must not pass validation meanwhile */
  const completing = new Set<string>();

  setHandler(
    completeTaskUpdate,
    async (args: CompleteTaskArgs) => {
      const task = lifecycle.openTasks.get(args.taskKey)!;
      completing.add(task.taskKey);
      lifecycle.completing(task, args.actor.displayName, args.signature ? signedEntry(task, args) : undefined);
      return settle({
        type: 'taskCompleted',
        taskId: lifecycle.engineTaskIdOf(task.taskKey),
        variables: validateCompletion(input, new Map([[task.taskKey, task]]), args),
        time: now(),
      });
    },
    {
      validator: (args: CompleteTaskArgs) => {
        if (completing.has(args.taskKey)) throw taskAlreadyCompleted(input, args.taskKey);
        validateCompletion(input, lifecycle.openTasks, args);
      },
    },
  );

  setHandler(
    deliverMessageUpdate,
    async (args: DeliverMessageArgs) => {
      const correlationKey = lifecycle.receiving(args.messageName, args.from);
      return settle({
        type: 'messageReceived',
        messageName: args.messageName,
        correlationKey,
        variables: args.variables,
        time: now(),
      });
    },
    { validator: (args: DeliverMessageArgs) => validateMessage(input, lifecycle.waits, args) },
  );

  setHandler(
    deliverSignalUpdate,
    async (args: DeliverSignalArgs) => {
      lifecycle.signalled(args.signalName, args.from);
      return settle({ type: 'signalReceived', signalName: args.signalName, variables: args.variables, time: now() });
    },
    { validator: (args: DeliverSignalArgs) => validateSignal(input, signalsAwaited(lifecycle.step.state), args) },
  );

  setHandler(
    correctDataUpdate,
    async (args: CorrectDataArgs) => {
      patched(DATA_CORRECTIONS);
      correctionsTaken.add(args.correctionId);
      lifecycle.correcting({ ...args, fields: Object.keys(args.values) });
      return settle({ type: 'dataCorrected', variables: args.values, time: now() });
    },
    { validator: (args: CorrectDataArgs) => validateCorrection(input, correctionsTaken, args) },
  );

  setHandler(
    mergeIntoUpdate,
    async (args: MergeIntoArgs) => {
      patched(MERGES);
      lifecycle.merging(args.mainTrackingCode, args.actor.displayName);
      return settle({ type: 'cancelled', time: now() });
    },
    { validator: (args: MergeIntoArgs) => validateMerge(input, lifecycle.status, args) },
  );

  setHandler(
    resolveIncidentUpdate,
    async (args: ResolveIncidentArgs) => {
      lifecycle.resolvingIncident(args.incidentId, args.actor.displayName);
      return settle({ type: 'incidentResolved', incidentId: args.incidentId, variables: args.variables, time: now() });
    },
    { validator: (args: ResolveIncidentArgs) => validateResolution(input, lifecycle.incidents, args) },
  );
}

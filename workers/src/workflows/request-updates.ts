// Sandbox-safe: what people send a running request — a task's completion, a message, a correction,
// a merge, an incident's resolution. Each is checked by its validator (what it refuses never enters
// history), written down by the lifecycle, then delivered as an engine event; the update answers
// once PostgreSQL shows its effects.
import { type EngineEvent, type RequestLifecycle, signalsAwaited, type Wakeup } from '@parvis/engine/runtime';
import { ApplicationFailure, patched, setHandler } from '@temporalio/workflow';
import { type DeliverSignalArgs, deliverSignalUpdate } from '../activities/messages/deliver-signal.ts';
import {
  type CompleteTaskArgs,
  type CorrectDataArgs,
  completeTaskUpdate,
  correctDataUpdate,
  type DeclareFileCompleteArgs,
  type DeclareFileIncompleteArgs,
  type DeliverMessageArgs,
  declareFileCompleteUpdate,
  declareFileIncompleteUpdate,
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

/**
 * Requests take declarations about their file's completeness (CRPA art. L114-5) since this marker,
 * set when the first one is handled: a history recorded before holds no such update, so it replays unchanged.
 */
const FILE_COMPLETENESS = 'file-completeness';

/** `wakeUp` queues a wake-up and resolves once PostgreSQL shows its effects; `settle` does so for an engine event. */
export function listenToPeople(
  input: RequestWorkflowInput,
  lifecycle: RequestLifecycle,
  wakeUp: (wakeup: Wakeup) => Promise<{ accepted: true }>,
  now: () => string,
): void {
  const settle = (event: EngineEvent) => wakeUp({ kind: 'engine', event });
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
      // The timeline names the variables set, which only the activity's input carries: no new command, no patch.
      lifecycle.resolvingIncident(args.incidentId, args.actor.displayName, Object.keys(args.variables));
      return settle({ type: 'incidentResolved', incidentId: args.incidentId, variables: args.variables, time: now() });
    },
    { validator: (args: ResolveIncidentArgs) => validateResolution(input, lifecycle.incidents, args) },
  );

  // A declaration being recorded counts already: a second completion meanwhile is a completion declared twice.
  let fileCompleting = false;
  const refuse = (refusal: { code: string; message: string } | undefined) => {
    if (refusal) throw ApplicationFailure.nonRetryable(refusal.message, refusal.code);
  };
  setHandler(
    declareFileIncompleteUpdate,
    async (args: DeclareFileIncompleteArgs) => {
      patched(FILE_COMPLETENESS);
      return wakeUp({ kind: 'fileIncomplete', pieces: args.pieces, by: args.actor.displayName });
    },
    {
      validator: (args: DeclareFileIncompleteArgs) =>
        refuse(lifecycle.completenessRefusal({ kind: 'incomplete', pieces: args.pieces })),
    },
  );
  setHandler(
    declareFileCompleteUpdate,
    async (args: DeclareFileCompleteArgs) => {
      patched(FILE_COMPLETENESS);
      fileCompleting = true;
      return wakeUp({ kind: 'fileComplete', by: args.actor.displayName }).finally(() => {
        fileCompleting = false;
      });
    },
    {
      validator: (_args: DeclareFileCompleteArgs) => {
        if (fileCompleting)
          refuse(
            lifecycle.completenessRefusal({ kind: 'complete' }) ?? {
              code: 'ALREADY_COMPLETE',
              message: `Le dossier de la demande ${input.trackingCode} vient d'être déclaré complet. / The file of request ${input.trackingCode} was just declared complete.`,
            },
          );
        refuse(lifecycle.completenessRefusal({ kind: 'complete' }));
      },
    },
  );
}

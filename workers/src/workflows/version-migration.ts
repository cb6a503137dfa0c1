// Sandbox-safe: an analyst moves a running request to another version of its procedure (issue 21,
// point 4). The validator refuses, before anything enters history, a request already on that
// version or one the pure core finds blockers for; the handler rewrites the lifecycle's state onto
// the new version's elements (timers and waits keep their dates) and the request's step records it;
// the workflow then continues as new on the new version (request.ts).
import { migrationBlockers, type RequestLifecycle, versionMapping, type Wakeup } from '@parvis/engine/runtime';
import { ApplicationFailure, patched, setHandler } from '@temporalio/workflow';
import {
  type MigrateVersionArgs,
  migrateVersionUpdate,
  migrationViewQuery,
  type RequestWorkflowInput,
} from '../messages.ts';

/**
 * Requests move to another version (migrateVersion) since this marker, set when the first move is
 * handled: a history recorded before holds no such update, so it replays unchanged.
 */
const VERSION_MIGRATION = 'version-migration';

/** `moved(target)`: the request now runs `target`; the workflow continues as new on it. */
export function listenForMigration(
  input: RequestWorkflowInput,
  lifecycle: RequestLifecycle,
  wakeUp: (wakeup: Wakeup) => Promise<{ accepted: true }>,
  moved: (target: MigrateVersionArgs['target']) => void,
): void {
  let movedTo: string | undefined;
  const onVersion = () => movedTo ?? input.procedureVersionId;

  // A query adds nothing to history: no patch. Variables' values stay in the workflow.
  setHandler(migrationViewQuery, () => {
    const state = lifecycle.step.state as unknown as { variables: object; instances: Record<string, object> };
    const instances = Object.fromEntries(
      Object.entries(state.instances).map(([id, { vars: _vars, ...instance }]: [string, { vars?: unknown }]) => [
        id,
        instance,
      ]),
    );
    return {
      procedureVersionId: onVersion(),
      state: { ...state, variables: {}, instances } as unknown as typeof lifecycle.step.state,
    };
  });

  setHandler(
    migrateVersionUpdate,
    async (args: MigrateVersionArgs) => {
      patched(VERSION_MIGRATION);
      movedTo = args.target.procedureVersionId;
      lifecycle.migrating({
        toIr: args.target.ir,
        mapping: args.mapping,
        procedureVersionId: args.target.procedureVersionId,
        fromVersion: args.fromVersion,
        toVersion: args.target.version,
        by: args.actor.displayName,
      });
      moved(args.target);
      return wakeUp({ kind: 'versionMigrated' });
    },
    {
      validator: (args: MigrateVersionArgs) => {
        if (onVersion() === args.target.procedureVersionId)
          throw ApplicationFailure.nonRetryable(
            `La demande ${input.trackingCode} est déjà sur la version ${args.target.version}. / Request ${input.trackingCode} is on version ${args.target.version} already.`,
            'ALREADY_ON_VERSION',
          );
        // Moved already in this run: the next run, on the new version, takes a further move.
        if (movedTo)
          throw ApplicationFailure.nonRetryable(
            `La demande ${input.trackingCode} vient de changer de version ; réessayez dans un instant. / Request ${input.trackingCode} just changed version; try again in a moment.`,
            'MIGRATION_RUNNING',
          );
        // The API checked the mapping; a client of Temporal's own is checked the same way.
        const { problems } = versionMapping(input.ir, args.target.ir, args.mapping);
        if (problems.length > 0)
          throw ApplicationFailure.nonRetryable(
            problems.map((p) => p.message).join('\n'),
            'MAPPING_INVALID',
            ...problems,
          );
        const blockers = migrationBlockers(lifecycle.step.state, input.ir, args.target.ir, args.mapping);
        if (blockers.length > 0)
          throw ApplicationFailure.nonRetryable(
            blockers.map((b) => b.message).join('\n'),
            'MIGRATION_BLOCKED',
            ...blockers,
          );
      },
    },
  );
}

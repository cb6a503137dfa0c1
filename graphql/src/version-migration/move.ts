import type { MigrationBlocker } from '@parvis/engine/runtime';
import { migrateVersionUpdate } from '@parvis/workers/messages';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { auditSource, recordAudit } from '../audit/record.ts';
import type { ApiContext } from '../common/context.ts';
import { userError } from '../common/errors.ts';
import { normaliseTrackingCode } from '../requests/tracking-code.ts';
import { type MigrationGround, type MigrationQuestion, migrationGround } from './mapping.ts';
import { MAX_MIGRATING_REQUESTS, type MigratingRequestRow, migrationRepository } from './repository.ts';

/** What became of one request: moved, skipped (already there, elsewhere, closed) or blocked (the reasons). */
export interface RequestMigrationOutcome {
  trackingCode: string;
  outcome: 'MOVED' | 'SKIPPED' | 'BLOCKED';
  message: string | null;
  blockers: MigrationBlocker[];
}

const skipped = (trackingCode: string, message: string): RequestMigrationOutcome => ({
  trackingCode,
  outcome: 'SKIPPED',
  message,
  blockers: [],
});

/**
 * Moves running requests from one version to another, one after the other: the named ones, else
 * every running request of the old version (the oldest MAX_MIGRATING_REQUESTS). Each request's
 * workflow checks again and moves, or refuses with its reasons; one refused stops no other. A
 * request already on the new version is skipped and said so, so a move may be run again safely.
 * Each move is on the request's timeline (versionMigrated) and in the town's audit log.
 */
export async function migrateRequests(
  ctx: ApiContext,
  question: MigrationQuestion & { trackingCodes?: string[] | null },
): Promise<RequestMigrationOutcome[]> {
  const ground = await migrationGround(ctx, question);
  const codes = question.trackingCodes?.map(normaliseTrackingCode);
  if (codes && (codes.length === 0 || codes.length > MAX_MIGRATING_REQUESTS))
    throw userError(
      'BAD_USER_INPUT',
      `Nommez de 1 à ${MAX_MIGRATING_REQUESTS} demandes. / Name 1 to ${MAX_MIGRATING_REQUESTS} requests.`,
      { field: 'trackingCodes' },
    );
  const rows = await ctx.db.within(ground.analyst.municipalityId, async (tx) =>
    codes
      ? await migrationRepository(tx).byTrackingCodes(codes)
      : (await migrationRepository(tx).running(ground.from.id)).rows,
  );
  const byCode = new Map(rows.map((row) => [row.tracking_code, row]));
  const outcomes: RequestMigrationOutcome[] = [];
  for (const code of codes ?? rows.map((row) => row.tracking_code)) {
    const row = byCode.get(code);
    outcomes.push(
      row
        ? await moveOne(ctx, ground, question, row)
        : skipped(code, `Aucune demande ${code} dans votre commune. / No request ${code} in your town.`),
    );
  }
  return outcomes;
}

async function moveOne(
  ctx: ApiContext,
  ground: MigrationGround,
  question: MigrationQuestion,
  row: MigratingRequestRow,
): Promise<RequestMigrationOutcome> {
  const code = row.tracking_code;
  const { from, to, analyst } = ground;
  if (row.procedure_version_id === to.id) return skipped(code, alreadyThere(code, to.version));
  if (row.procedure_key !== question.procedureKey || row.procedure_version_id !== from.id)
    return skipped(
      code,
      `La demande ${code} n'est pas sur la version ${from.version} de ${question.procedureKey} (elle est sur ${row.procedure_key} v${row.version}). / Request ${code} is not on version ${from.version} of ${question.procedureKey} (it is on ${row.procedure_key} v${row.version}).`,
    );
  if (row.closed) return skipped(code, `La demande ${code} est close. / Request ${code} is closed.`);
  try {
    await ctx.temporal.workflow.getHandle(row.workflow_id).executeUpdate(migrateVersionUpdate, {
      args: [
        {
          target: { procedureVersionId: to.id, version: to.version, ir: to.ir, forms: to.forms, texts: to.texts },
          fromVersion: from.version,
          mapping: ground.mapping,
          actor: { id: analyst.id, displayName: analyst.displayName, groups: analyst.groups },
        },
      ],
    });
  } catch (error) {
    if (!(error instanceof WorkflowUpdateFailedError)) throw error;
    const cause = error.cause as { type?: string; message?: string; details?: unknown[] } | undefined;
    if (cause?.type === 'ALREADY_ON_VERSION') return skipped(code, alreadyThere(code, to.version));
    return {
      trackingCode: code,
      outcome: 'BLOCKED',
      message: cause?.message ?? null,
      blockers: cause?.type === 'MIGRATION_BLOCKED' ? ((cause.details ?? []) as MigrationBlocker[]) : [],
    };
  }
  await ctx.db.within(analyst.municipalityId, async (tx) => {
    await migrationRepository(tx).renameTaskElements(row.id, ground.mapping);
    await recordAudit(tx, {
      municipalityId: analyst.municipalityId,
      ...auditSource(ctx),
      action: 'procedures.request-migrated',
      target: `request:${code}`,
      details: {
        procedureKey: question.procedureKey,
        fromVersion: from.version,
        toVersion: to.version,
        mapped: Object.fromEntries([...ground.given].map((id) => [id, ground.mapping[id]!])),
      },
    });
  });
  return { trackingCode: code, outcome: 'MOVED', message: null, blockers: [] };
}

const alreadyThere = (code: string, version: number) =>
  `La demande ${code} est déjà sur la version ${version} : rien à faire. / Request ${code} is on version ${version} already: nothing to do.`;

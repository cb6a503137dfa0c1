import { activeElementsOf, type MigrationBlocker, migrationBlockers } from '@parvis/engine/runtime';
import { migrationViewQuery } from '@parvis/workers/messages';
import type { ApiContext } from '../common/context.ts';
import { type MigrationQuestion, migrationGround } from './mapping.ts';
import { type MigratingRequestRow, migrationRepository } from './repository.ts';

/** Why a request cannot move: what its state says (the engine's blockers), or that its workflow did not answer. */
export type MigrationReason = Omit<MigrationBlocker, 'code'> & { code: MigrationBlocker['code'] | 'UNAVAILABLE' };

const unavailable = (trackingCode: string): MigrationReason => ({
  code: 'UNAVAILABLE',
  elementId: '',
  message: `Le déroulement de la demande ${trackingCode} ne répond pas ; réessayez plus tard. / Request ${trackingCode}'s workflow does not answer; try again later.`,
});

/** One request of a dry run: where it stands and, if it cannot move, why. */
export interface RequestMigrationCheck {
  trackingCode: string;
  activeElements: string[];
  blockers: MigrationReason[];
}

/** How many workflows a dry run asks at once. */
const QUERIES_AT_ONCE = 8;

/** Where the request stands and what keeps it from moving, asked of its workflow (its state, never its data). */
export async function checkRequest(
  ctx: ApiContext,
  request: MigratingRequestRow,
  ground: Awaited<ReturnType<typeof migrationGround>>,
): Promise<RequestMigrationCheck> {
  try {
    const view = await ctx.temporal.workflow.getHandle(request.workflow_id).query(migrationViewQuery);
    return {
      trackingCode: request.tracking_code,
      activeElements: activeElementsOf(view.state),
      blockers: migrationBlockers(view.state, ground.from.ir, ground.to.ir, ground.mapping),
    };
  } catch {
    return { trackingCode: request.tracking_code, activeElements: [], blockers: [unavailable(request.tracking_code)] };
  }
}

/**
 * The dry run: the mapping in force, the old version's elements it sends nowhere, and each running
 * request of the old version (the oldest MAX_MIGRATING_REQUESTS) with what keeps it from moving.
 * Nothing changes.
 */
export async function planMigration(ctx: ApiContext, question: MigrationQuestion) {
  const ground = await migrationGround(ctx, question);
  const { rows, total } = await ctx.db.within(ground.analyst.municipalityId, (tx) =>
    migrationRepository(tx).running(ground.from.id),
  );
  const requests: RequestMigrationCheck[] = [];
  for (let i = 0; i < rows.length; i += QUERIES_AT_ONCE)
    requests.push(...(await Promise.all(rows.slice(i, i + QUERIES_AT_ONCE).map((r) => checkRequest(ctx, r, ground)))));
  return { ground, requests, total };
}

import { mergeIntoUpdate } from '@parvis/workers/messages';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApiContext, SignedInAgent } from '../common/context.ts';
import { userError } from '../common/errors.ts';
import { requestShownTo } from '../requests/access.ts';
import { type RequestRow, requestRepository } from '../requests/repository.ts';
import { normaliseTrackingCode } from '../requests/tracking-code.ts';
import { duplicateRepository } from './repository.ts';

/** Why a merge is refused, in `extensions.reason`; the message says it in words. */
export type MergeRefusal = 'notFound' | 'itself' | 'otherProcedure' | 'mainClosed' | 'duplicateClosed';

const refuse = (reason: MergeRefusal, message: string) => userError('MERGE_REFUSED', message, { reason });

const OPEN = new Set(['submitted', 'inProgress']);

/**
 * Merges a duplicate into the main request about the same thing: the duplicate's reporter (and its
 * followers) follow the main one, and the duplicate closes through its workflow, telling its citizen
 * which request now carries their report. Both must be requests this agent sees, of the same
 * procedure (so of the same town), open, and two. The rows are written in the transaction that waits
 * for the workflow's answer: a refusal there leaves nothing written.
 */
export async function mergeDuplicate(
  ctx: ApiContext,
  agent: SignedInAgent,
  mainCode: string,
  duplicateCode: string,
): Promise<RequestRow> {
  const [main, duplicate] = [normaliseTrackingCode(mainCode), normaliseTrackingCode(duplicateCode)];
  if (main === duplicate)
    throw refuse(
      'itself',
      `On ne fusionne pas la demande ${main} avec elle-même : choisissez le doublon d'une autre demande. / A request cannot be merged into itself.`,
    );
  return ctx.db.within(agent.municipalityId, async (tx) => {
    const requests = requestRepository(tx);
    const shown = requestShownTo(tx, agent);
    const [mainRow, duplicateRow] = [
      await requests.byTrackingCode(main, shown),
      await requests.byTrackingCode(duplicate, shown),
    ];
    for (const [code, row] of [
      [main, mainRow],
      [duplicate, duplicateRow],
    ] as const)
      if (!row)
        throw refuse(
          'notFound',
          `Aucune demande ${code} parmi celles que vous voyez dans votre commune : on ne fusionne que des demandes d'une même commune. / No request ${code} among those you see in your municipality: only requests of one municipality merge.`,
        );
    const [into, from] = [mainRow!, duplicateRow!];
    if (into.procedure_key !== from.procedure_key)
      throw refuse(
        'otherProcedure',
        `${from.tracking_code} (« ${from.procedure_title_fr} ») et ${into.tracking_code} (« ${into.procedure_title_fr} ») ne relèvent pas de la même démarche : on ne fusionne que des demandes d'une même démarche. / ${from.tracking_code} and ${into.tracking_code} are requests of different procedures: only requests of one procedure merge.`,
      );
    if (!OPEN.has(into.status))
      throw refuse(
        'mainClosed',
        `La demande ${into.tracking_code} est close : fusionnez plutôt dans une demande en cours. / Request ${into.tracking_code} is closed: merge into an open one.`,
      );
    if (!OPEN.has(from.status))
      throw refuse(
        'duplicateClosed',
        `La demande ${from.tracking_code} est déjà close : il n'y a plus rien à fusionner. / Request ${from.tracking_code} is already closed: there is nothing left to merge.`,
      );
    await duplicateRepository(tx).recordMerge({
      municipalityId: agent.municipalityId,
      mainId: into.id,
      duplicateId: from.id,
      duplicateEmail: from.citizen_email,
      agentId: agent.id,
    });
    try {
      await ctx.temporal.workflow.getHandle(from.workflow_id).executeUpdate(mergeIntoUpdate, {
        args: [
          {
            mainTrackingCode: into.tracking_code,
            actor: { id: agent.id, displayName: agent.displayName, groups: agent.groups, email: agent.email },
          },
        ],
      });
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError)
        throw refuse('duplicateClosed', (error.cause as { message?: string } | undefined)?.message ?? 'Refused.');
      throw error;
    }
    return into;
  });
}

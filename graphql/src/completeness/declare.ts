import type { Piece } from '@parvis/engine';
import { declareFileCompleteUpdate, declareFileIncompleteUpdate } from '@parvis/workers/messages';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApiContext, SignedInAgent } from '../common/context.ts';
import { type ErrorCode, userError } from '../common/errors.ts';
import { requestShownTo } from '../requests/access.ts';
import { type RequestRow, requestRepository } from '../requests/repository.ts';
import { normaliseTrackingCode } from '../requests/tracking-code.ts';
import { requiredPieces } from './pieces.ts';

const OPEN = new Set(['submitted', 'inProgress']);

/**
 * An agent declares the file of a request incomplete (the pieces missing, among the procedure's) or
 * complete (CRPA art. L114-5). The workflow records it, stops or starts the legal clocks and tells the
 * citizen; it answers once PostgreSQL shows it. Refused in words: a request the agent does not see, a
 * closed one, a piece the procedure does not list, a file already complete.
 */
export async function declareCompleteness(
  ctx: ApiContext,
  agent: SignedInAgent,
  trackingCode: string,
  declaration: { kind: 'incomplete'; pieces: string[] } | { kind: 'complete' },
): Promise<RequestRow> {
  const code = normaliseTrackingCode(trackingCode);
  const request = await ctx.db.within(agent.municipalityId, (tx) =>
    requestRepository(tx).byTrackingCode(code, requestShownTo(tx, agent)),
  );
  if (!request)
    throw userError(
      'NOT_FOUND',
      `Aucune demande ${code} parmi celles que vous voyez. / No request ${code} among those you see.`,
    );
  if (!OPEN.has(request.status))
    throw userError(
      'REQUEST_CLOSED',
      `La demande ${code} est close : sa complétude ne se déclare plus. / Request ${code} is closed: its file's completeness can no longer be declared.`,
    );
  const actor = { id: agent.id, displayName: agent.displayName, groups: agent.groups, email: agent.email };
  const handle = ctx.temporal.workflow.getHandle(request.workflow_id);
  try {
    if (declaration.kind === 'complete') await handle.executeUpdate(declareFileCompleteUpdate, { args: [{ actor }] });
    else {
      const pieces = await chosenPieces(ctx, request, declaration.pieces);
      await handle.executeUpdate(declareFileIncompleteUpdate, { args: [{ pieces, actor }] });
    }
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) {
      const cause = error.cause as { message?: string; type?: string } | undefined;
      const known: ErrorCode = cause?.type === 'ALREADY_COMPLETE' ? 'ALREADY_COMPLETE' : 'REQUEST_CLOSED';
      throw userError(known, cause?.message ?? 'Refused.');
    }
    throw error;
  }
  return request;
}

/** The pieces named, as the procedure words them; an unknown one is refused with the list to choose from. */
async function chosenPieces(ctx: ApiContext, request: RequestRow, ids: string[]): Promise<Piece[]> {
  const listed = await ctx.db.within(request.municipality_id, (tx) => requiredPieces(tx, request.id));
  if (ids.length === 0)
    throw userError('BAD_USER_INPUT', 'Nommez au moins une pièce manquante. / Name at least one missing piece.', {
      field: 'pieces',
    });
  const unknown = ids.filter((id) => !listed.some((p) => p.id === id));
  if (unknown.length > 0)
    throw userError(
      'BAD_USER_INPUT',
      `Pièce inconnue de la démarche : ${unknown.join(', ')} ; choisissez parmi ${listed.map((p) => `${p.id} (${p.fr})`).join(', ') || 'aucune : la démarche n’en liste pas'}. / Unknown piece: ${unknown.join(', ')}.`,
      { field: 'pieces' },
    );
  return listed.filter((p) => ids.includes(p.id)).map(({ id, fr, en }) => ({ id, fr, en }));
}

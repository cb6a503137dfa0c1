import { deliverMessageUpdate, snapshotQuery } from '@parvis/workers/messages';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApiContext } from '../common/context.ts';
import { userError } from '../common/errors.ts';
import { attachUploads } from '../files/index.ts';
import { findTrackedRequest } from '../requests/find.ts';
import type { RequestRow } from '../requests/repository.ts';

/** Files uploaded for one file field of the request's form (POST /files/…?field=), sent with an answer. */
export interface AnsweredFiles {
  field: string;
  ids: string[];
}

/**
 * The citizen answers a request for information: their answer goes to the message the request
 * waits for, which starts its SLA clock again, and the files they send with it join the request.
 * Refused whole (no file attached) when the request waits for nothing or a file is not theirs.
 */
export async function answerRequest(
  ctx: ApiContext,
  trackingCode: string,
  email: string,
  answer: string,
  files: AnsweredFiles[] = [],
) {
  const text = answer.trim();
  if (text.length < 2 || text.length > 5000) {
    throw userError(
      'BAD_USER_INPUT',
      'La réponse doit faire entre 2 et 5 000 caractères. / The answer must be 2 to 5,000 characters.',
      { field: 'answer' },
    );
  }
  const request = await findTrackedRequest(ctx, trackingCode, email);
  const handle = ctx.temporal.workflow.getHandle(request.workflow_id);
  const { waitingFor } = await handle.query(snapshotQuery);
  const messageName = waitingFor[0];
  if (!messageName) {
    throw userError(
      'NOT_WAITING',
      "Votre demande n'attend pas de réponse de votre part. / Your request is not waiting for an answer from you.",
    );
  }
  const references = files
    .filter((sent) => sent.ids.length > 0)
    .map((sent) => ({ field: sent.field, path: sent.field, ids: sent.ids }));
  try {
    // The files are attached in the transaction that waits for the update: refused, nothing stays attached.
    await ctx.db.within(request.municipality_id, async (tx) => {
      await attachUploads(tx, request.id, request.procedure_key, references);
      await handle.executeUpdate(deliverMessageUpdate, {
        args: [{ messageName, variables: { citizenAnswer: text }, from: 'citizen' }],
      });
    });
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError)
      throw userError('NOT_WAITING', (error.cause as Error | undefined)?.message ?? 'Refused.');
    throw error;
  }
  return request;
}

/** Whether the request waits for a message from the citizen; a workflow that cannot be asked counts as not. */
export async function awaitsAnswer(ctx: ApiContext, request: RequestRow): Promise<boolean> {
  if (request.status === 'closed' || request.status === 'failed') return false;
  try {
    const { waitingFor } = await ctx.temporal.workflow.getHandle(request.workflow_id).query(snapshotQuery);
    return waitingFor.length > 0;
  } catch {
    return false;
  }
}

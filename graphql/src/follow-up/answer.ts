import { citizenWaits, deliverMessageUpdate, snapshotQuery } from '@parvis/workers/messages';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApiContext } from '../common/context.ts';
import { userError } from '../common/errors.ts';
import { attachMessageFiles } from '../conversation/message-files.ts';
import { findCitizenRequest } from '../conversation/reader.ts';
import { alreadyAnswered, checkedText, isSecondAnswer, requestClosed } from '../conversation/refusals.ts';
import { conversationRepository } from '../conversation/repository.ts';
import { attachUploads } from '../files/index.ts';
import type { RequestRow } from '../requests/repository.ts';

/** Files uploaded for one file field of the request's form (POST /files/…?field=), sent with an answer. */
export interface AnsweredFiles {
  field: string;
  ids: string[];
}

export interface Answer {
  text: string;
  /** documents for the form's file fields */
  files?: AnsweredFiles[];
  /** files uploaded for the conversation (POST /files/…/demandes/<code>) */
  messageFiles?: readonly string[] | null;
  /** the question the citizen was shown (conversation/question.ts): refused if it was answered meanwhile */
  question?: string | null;
}

/**
 * The citizen answers the town hall (signed in, or with the e-mail): the answer joins the request's
 * conversation, linked to the question it answers, with its files; and when the request waits for
 * the citizen's message, it goes to that message, which starts its SLA clock again. Refused whole
 * (no file attached, no answer kept) when nothing is asked, the question was answered already, the
 * request is closed, or a file is not theirs.
 */
export async function answerRequest(ctx: ApiContext, trackingCode: string, email: string | undefined, answer: Answer) {
  const text = checkedText(answer.text, 'answer', 2);
  const request = await findCitizenRequest(ctx, trackingCode, email);
  const handle = ctx.temporal.workflow.getHandle(request.workflow_id);
  const waitingFor = request.status === 'closed' ? [] : (await handle.query(snapshotQuery)).waitingFor;
  const messageName = citizenWaits(waitingFor)[0];
  const references = (answer.files ?? [])
    .filter((sent) => sent.ids.length > 0)
    .map((sent) => ({ field: sent.field, path: sent.field, ids: sent.ids }));
  try {
    // The files are attached in the transaction that waits for the update: refused, nothing stays attached.
    await ctx.db.within(request.municipality_id, async (tx) => {
      if (request.status === 'closed') throw await requestClosed(tx, request, ctx.publicUrl);
      const messages = conversationRepository(tx);
      const shown = answer.question ? await messages.message(request.id, answer.question) : undefined;
      if (answer.question && !shown) {
        throw userError(
          'NOT_FOUND',
          "Cette question n'existe pas sur cette demande. / No such question on this request.",
          {
            field: 'question',
          },
        );
      }
      if (shown?.answered) throw alreadyAnswered();
      if (shown?.kind === 'correction') {
        throw userError(
          'BAD_USER_INPUT',
          'Cette demande de correction se règle en corrigeant les champs rouverts (correctRequest). / This correction is answered by correcting the reopened fields (correctRequest).',
          { field: 'question' },
        );
      }
      const open = shown ?? (await messages.openQuestion(request.id));
      const asked = open ?? (messageName ? await messages.lastFromTownHall(request.id) : undefined);
      if (!messageName && !open) {
        throw userError(
          'NOT_WAITING',
          "Votre demande n'attend pas de réponse de votre part. / Your request is not waiting for an answer from you.",
        );
      }
      const attached = await attachUploads(tx, request.id, request.procedure_key, references);
      const conversationFiles = await attachMessageFiles(tx, request, answer.messageFiles);
      const row = await messages.add({
        municipalityId: request.municipality_id,
        requestId: request.id,
        side: 'citizen',
        kind: 'answer',
        answers: asked && !asked.answered && asked.kind !== 'correction' ? asked.id : undefined,
        body: text,
      });
      await messages.linkFiles(row.id, [...attached.map((file) => file.id), ...conversationFiles]);
      await messages.markRead(request.municipality_id, request.id, 'citizen');
      if (messageName) {
        await handle.executeUpdate(deliverMessageUpdate, {
          args: [{ messageName, variables: { citizenAnswer: text }, from: 'citizen' }],
        });
      }
    });
  } catch (error) {
    if (isSecondAnswer(error)) throw alreadyAnswered();
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
    return citizenWaits(waitingFor).length > 0;
  } catch {
    return false;
  }
}

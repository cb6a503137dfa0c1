import { type FormSchema, formFields, validateForm } from '@parvis/engine';
import { correctDataUpdate } from '@parvis/workers/messages';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApiContext, SignedInAgent } from '../common/context.ts';
import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import { procedureRepository } from '../procedures/repository.ts';
import type { RequestRow } from '../requests/repository.ts';
import { dataHash } from '../signatures/decision-payload.ts';
import { alreadyAnswered, checkedText, isSecondAnswer, requestClosed } from './refusals.ts';
import { type CorrectionField, conversationRepository, type FieldChange, type MessageRow } from './repository.ts';
import { tellCitizenLater } from './write.ts';

/** Form fields a citizen may be asked to correct: top-level inputs, not files (they send new ones in an answer). */
function correctableFields(form: FormSchema | null): CorrectionField[] {
  if (!form?.components) return [];
  return formFields(form as { components: FormSchema['components'] & object[] })
    .filter((f) => !f.field.includes('.') && !f.field.includes('[') && f.type !== 'filepicker')
    .map((f) => ({ field: f.field, label: f.label ?? f.field }));
}

async function startForm(db: Db, request: RequestRow): Promise<FormSchema | null> {
  return (await procedureRepository(db).startForm(request.procedure_key, request.version)) as FormSchema | null;
}

/**
 * An agent the request concerns asks its citizen to correct named fields of the form they filed,
 * with a word on why; the citizen finds them reopened and prefilled on the tracking page, and is
 * told by e-mail. One correction at a time, on a request still open; fields the form does not have
 * (or files) are refused by name.
 */
export async function askCorrection(
  ctx: ApiContext,
  agent: SignedInAgent,
  request: RequestRow,
  input: { fields: readonly string[]; text: string },
): Promise<MessageRow> {
  const body = checkedText(input.text);
  const message = await ctx.db.within(request.municipality_id, async (tx) => {
    if (request.status === 'closed' || request.status === 'failed') {
      throw userError(
        'REQUEST_CLOSED',
        `La demande ${request.tracking_code} est close : sa citoyenne ou son citoyen ne peut plus la corriger. / Request ${request.tracking_code} is closed: its citizen can no longer correct it.`,
      );
    }
    const correctable = correctableFields(await startForm(tx, request));
    const asked = [...new Set(input.fields)];
    const unknown = asked.filter((field) => !correctable.some((f) => f.field === field));
    if (asked.length === 0 || unknown.length > 0) {
      const allowed = correctable.map((f) => `${f.label} (${f.field})`).join(', ');
      throw userError(
        'BAD_USER_INPUT',
        asked.length === 0
          ? `Choisissez au moins un champ à faire corriger parmi : ${allowed}. / Choose at least one field to correct among: ${allowed}.`
          : `Le formulaire de cette demande n'a pas de champ à corriger nommé ${unknown.join(', ')}. Champs possibles : ${allowed}. / This request's form has no correctable field named ${unknown.join(', ')}. Possible: ${allowed}.`,
        { field: 'fields' },
      );
    }
    const messages = conversationRepository(tx);
    const open = await messages.openQuestion(request.id);
    if (open?.kind === 'correction') {
      throw userError(
        'BAD_USER_INPUT',
        `Une correction attend déjà la réponse du citoyen (demandée le ${open.created_at.toLocaleDateString('fr-FR')}) : attendez-la, ou écrivez-lui un message. / A correction already awaits the citizen's answer: wait for it, or write them a message.`,
        { field: 'fields' },
      );
    }
    const row = await messages.add({
      municipalityId: request.municipality_id,
      requestId: request.id,
      side: 'townHall',
      author: { id: agent.id, name: agent.displayName },
      kind: 'correction',
      body,
      fields: asked.map((field) => correctable.find((f) => f.field === field)!),
    });
    await messages.markRead(request.municipality_id, request.id, agent.id);
    return row;
  });
  await tellCitizenLater(ctx, request, { kind: 'correction', fields: message.fields ?? [] });
  return message;
}

/**
 * The citizen sends the fields an agent asked them to correct. The values are checked against the
 * form with the rest of the request's data; the answer keeps each field's value before and after
 * for the agents; the request's workflow records the correction in the hash-chained timeline
 * (`dataCorrected`, with the data's hash before and after, so that a signature made on the data
 * before still verifies, signatures/verification.ts) and its projection writes the new data, in
 * one transaction. Refused whole: a correction answered already, a field not asked for, a value
 * the form refuses, a closed request.
 */
export async function correctRequest(
  ctx: ApiContext,
  request: RequestRow,
  input: { correctionId: string; values: unknown; text?: string | null },
): Promise<MessageRow> {
  const comment = input.text?.trim() ? checkedText(input.text) : '';
  if (!input.values || typeof input.values !== 'object' || Array.isArray(input.values)) {
    throw userError('BAD_USER_INPUT', 'values doit être un objet JSON. / values must be a JSON object.', {
      field: 'values',
    });
  }
  const values = input.values as Record<string, unknown>;
  return ctx.db
    .within(request.municipality_id, async (tx) => {
      if (request.status === 'closed') throw await requestClosed(tx, request, ctx.publicUrl);
      const messages = conversationRepository(tx);
      const correction = await messages.message(request.id, input.correctionId);
      if (correction?.kind !== 'correction') {
        throw userError(
          'NOT_FOUND',
          "Cette demande de correction n'existe pas sur cette demande. / No such correction on this request.",
          { field: 'correction' },
        );
      }
      if (correction.answered) throw alreadyAnswered();
      const asked = correction.fields ?? [];
      const stray = Object.keys(values).filter((key) => !asked.some((f) => f.field === key));
      if (stray.length > 0) {
        throw userError(
          'BAD_USER_INPUT',
          `La mairie n'a pas demandé de corriger ${stray.join(', ')} : seuls ${asked.map((f) => f.label).join(', ')} sont rouverts. / The town hall did not ask to correct ${stray.join(', ')}: only ${asked.map((f) => f.label).join(', ')} are open.`,
          { field: stray[0] },
        );
      }
      const form = await startForm(tx, request);
      const merged = { ...request.data, ...values };
      const checked = form ? validateForm(form, merged) : { ok: true as const, data: merged };
      if (!checked.ok) {
        throw userError('FORM_INVALID', 'Le formulaire contient des erreurs. / The form has errors.', {
          fields: checked.errors.filter((error) => asked.some((f) => error.field === f.field)),
        });
      }
      const changes: FieldChange[] = asked.map((f) => ({
        ...f,
        before: request.data[f.field] ?? null,
        after: checked.data[f.field] ?? null,
      }));
      const changed = Object.fromEntries(
        changes.filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after)).map((c) => [c.field, c.after]),
      );
      const answer = await messages.add({
        municipalityId: request.municipality_id,
        requestId: request.id,
        side: 'citizen',
        kind: 'answer',
        answers: correction.id,
        body: comment,
        changes,
      });
      await messages.markRead(request.municipality_id, request.id, 'citizen');
      if (Object.keys(changed).length > 0) {
        // Sent from inside the transaction: refused, the answer is not kept either.
        await ctx.temporal.workflow.getHandle(request.workflow_id).executeUpdate(correctDataUpdate, {
          updateId: `correction-${correction.id}`,
          args: [
            {
              correctionId: correction.id,
              values: changed as never,
              dataHashBefore: dataHash(request.data),
              dataHashAfter: dataHash({ ...request.data, ...changed }),
            },
          ],
        });
      }
      return answer;
    })
    .catch((error: unknown) => {
      if (isSecondAnswer(error)) throw alreadyAnswered();
      if (error instanceof WorkflowUpdateFailedError) {
        const cause = error.cause as { type?: string; message?: string } | undefined;
        if (cause?.type === 'ALREADY_ANSWERED') throw alreadyAnswered();
        throw userError('NOT_WAITING', cause?.message ?? 'Refused.');
      }
      throw error;
    });
}

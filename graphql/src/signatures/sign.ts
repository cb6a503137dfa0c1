import { randomUUID } from 'node:crypto';
import { completeTaskUpdate, type SignatureRecord } from '@parvis/workers/messages';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApiContext, SignedInAgent } from '../common/context.ts';
import type { Db } from '../common/database.ts';
import { type ErrorCode, userError } from '../common/errors.ts';
import { type DecisionPayload, dataHash, readPayload } from './decision-payload.ts';
import { signingRight } from './entitlement.ts';
import { keyRepository } from './keys.ts';
import { checkComment, checkDecision, openSignatureStep } from './prepare.ts';
import { SIGNING_ALGORITHM, sha256Hex, verifySignature } from './public-key.ts';
import { findSignableTask, type SignableTask } from './signable-task.ts';

export interface SignDecisionInput {
  taskId: string;
  decision: string;
  comment?: string;
  nonce: string;
  /** base64url of the IEEE P1363 signature WebCrypto made */
  signature: string;
  keyFingerprint: string;
}

/**
 * Verifies a signed decision — the agent's active key, the nonce (theirs, for this task, unused,
 * unexpired), the signature over exactly what was prepared, their right to sign the step now — then
 * spends the nonce and completes the task through the workflow, which writes the signature into the
 * request's timeline. Anything wrong is refused before the workflow hears of it.
 */
export async function signDecision(ctx: ApiContext, agent: SignedInAgent, input: SignDecisionInput) {
  const checked = await ctx.db.within(agent.municipalityId, (db) => checkSignedDecision(db, agent, input));
  const { task, payload, record } = checked;
  const onBehalfOf = payload.onBehalfOf;
  try {
    await ctx.temporal.workflow.getHandle(task.workflow_id).executeUpdate(completeTaskUpdate, {
      args: [
        {
          taskKey: task.task_key,
          actor: { id: agent.id, displayName: agent.displayName, groups: agent.groups, email: agent.email },
          data: { decision: payload.decision, comment: payload.comment },
          signature: {
            ...record,
            ...(onBehalfOf
              ? {
                  onBehalfOf: {
                    actor: { id: onBehalfOf.id, displayName: onBehalfOf.name, ...checked.delegator },
                    delegationId: onBehalfOf.delegationId,
                  },
                }
              : {}),
          },
        },
      ],
    });
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) {
      const cause = error.cause as { type?: string; message?: string } | undefined;
      throw userError((cause?.type ?? 'BAD_USER_INPUT') as ErrorCode, cause?.message ?? 'Refusé. / Refused.');
    }
    throw error;
  }
  return {
    signatureId: record.signatureId,
    taskId: task.id,
    decision: payload.decision,
    signedAt: record.signedAt,
    keyFingerprint: record.keyFingerprint,
    payloadHash: record.payloadHash,
    onBehalfOf: onBehalfOf?.name ?? null,
  };
}

async function checkSignedDecision(db: Db, agent: SignedInAgent, input: SignDecisionInput) {
  const decision = checkDecision(input.decision);
  const comment = checkComment(input.comment);
  // The nonce first: a replay is named as such, even once the step has closed.
  const found = await findSignableTask(db, input.taskId);
  if (!found) throw userError('NOT_FOUND', `Tâche ${input.taskId} introuvable. / No such task.`);
  const prepared = await preparedFor(db, agent, found, input.nonce);
  const task = await openSignatureStep(db, input.taskId);
  const step = `« ${task.name ?? task.element_id} » (${task.tracking_code})`;

  const fingerprint = input.keyFingerprint.trim().toLowerCase();
  const key = await keyRepository(db).byFingerprint(fingerprint);
  if (!key)
    throw userError(
      'KEY_INVALID',
      `Clé de signature inconnue (empreinte ${fingerprint.slice(0, 16)}…) : enrôlez votre clé avant de signer. / Unknown signing key.`,
    );
  if (key.agent_id !== agent.id)
    throw userError(
      'KEY_INVALID',
      `La clé ${fingerprint.slice(0, 16)}… n'est pas la vôtre : on ne signe qu'avec sa propre clé (ou par délégation, avec la sienne). / That key belongs to another agent.`,
    );
  if (key.revoked_at)
    throw userError(
      'KEY_REVOKED',
      `La clé ${fingerprint.slice(0, 16)}… a été révoquée le ${key.revoked_at.toISOString()} : enrôlez-en une nouvelle. / That key is revoked.`,
    );

  if (prepared.decision !== decision || prepared.comment !== comment)
    throw userError(
      'SIGNATURE_INVALID',
      `La décision ou le commentaire envoyés pour ${step} ne sont pas ceux préparés pour signature : préparez de nouveau. / Decision or comment differ from those prepared.`,
    );
  if (prepared.key !== fingerprint)
    throw userError(
      'SIGNATURE_INVALID',
      `La signature de ${step} a été préparée pour la clé ${prepared.key.slice(0, 16)}…, pas pour ${fingerprint.slice(0, 16)}…. / Prepared for another key.`,
    );
  if (!verifySignature(key.public_key_spki, prepared.text, input.signature))
    throw userError(
      'SIGNATURE_INVALID',
      `La signature de ${step} ne correspond pas au texte préparé avec la clé ${fingerprint.slice(0, 16)}… : rien n'a été enregistré. / The signature does not verify; nothing was recorded.`,
    );

  const right = await signingRight(db, agent, task, prepared.onBehalfOf?.id);
  if (right.kind === 'delegated' && right.delegation.id !== prepared.onBehalfOf?.delegationId)
    throw userError('NOT_ALLOWED', `La délégation préparée pour ${step} n'est plus en cours. / Delegation ended.`);
  if (right.kind === 'own' && prepared.onBehalfOf)
    throw userError('NOT_ALLOWED', `Signature préparée par délégation : préparez de nouveau. / Prepare again.`);
  if (dataHash(task.request_data) !== prepared.request.dataHash)
    throw userError(
      'SIGNATURE_INVALID',
      `Les données de la demande ${task.tracking_code} ont changé depuis la préparation : relisez-les et signez de nouveau. / The request's data changed since.`,
    );

  // Spent here, once: a second use of the nonce, even concurrent, finds it used.
  const [spent] = await db<{ used_at: Date }[]>`update signature_nonces set used_at = now()
    where nonce = ${input.nonce} and used_at is null and expires_at > now() returning used_at`;
  if (!spent) throw nonceRefused(step, 'il vient d’être utilisé / it was just used');

  const record: Omit<SignatureRecord, 'onBehalfOf'> = {
    signatureId: randomUUID(),
    decision,
    comment,
    signedPayload: prepared.text,
    payloadHash: sha256Hex(prepared.text),
    signature: input.signature,
    keyFingerprint: fingerprint,
    algorithm: SIGNING_ALGORITHM,
    signedAt: spent.used_at.toISOString(),
  };
  return {
    task,
    payload: prepared as DecisionPayload,
    record,
    delegator:
      right.kind === 'delegated'
        ? { groups: right.delegation.delegator_groups, email: right.delegation.delegator_email }
        : { groups: [] },
  };
}

/** The prepared payload behind a nonce, if the nonce is the agent's, for this task, unused and unexpired. */
async function preparedFor(db: Db, agent: SignedInAgent, task: SignableTask, nonce: string) {
  const step = `« ${task.name ?? task.element_id} » (${task.tracking_code})`;
  const [row] = await db<
    { agent_id: string; task_id: string; prepared: string; used_at: Date | null; expired: boolean }[]
  >`select agent_id, task_id, prepared, used_at, expires_at <= now() as expired from signature_nonces
    where nonce = ${nonce}`;
  if (!row) throw nonceRefused(step, 'inconnu / unknown');
  if (row.agent_id !== agent.id) throw nonceRefused(step, 'délivré à un autre agent / issued to another agent');
  if (row.task_id !== task.id) throw nonceRefused(step, 'délivré pour une autre tâche / issued for another task');
  if (row.used_at)
    throw nonceRefused(step, `déjà utilisé le ${row.used_at.toISOString()} (rejeu) / already used (replay)`);
  if (row.expired) throw nonceRefused(step, 'expiré : préparez de nouveau / expired: prepare again');
  const payload = readPayload(row.prepared)!;
  return { ...payload, text: row.prepared };
}

function nonceRefused(step: string, why: string) {
  const [fr, en] = why.split(' / ');
  return userError(
    'NONCE_INVALID',
    `Jeton de signature refusé pour l'étape ${step} : ${fr}. Rien n'a été enregistré. / Signature nonce refused: ${en ?? fr}; nothing was recorded.`,
  );
}

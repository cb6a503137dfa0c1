import { randomBytes } from 'node:crypto';
import type { SignedInAgent } from '../common/context.ts';
import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import { DECISIONS, type Decision, type DecisionPayload, dataHash, signedText } from './decision-payload.ts';
import { signingRight } from './entitlement.ts';
import { keyRepository } from './keys.ts';
import { findSignableTask, type SignableTask } from './signable-task.ts';

/** How long a prepared signature may wait for the agent's browser to sign it. */
export const NONCE_LIFETIME_MS = 10 * 60 * 1000;
export const COMMENT_MAX = 2000;

export interface PreparedSignature {
  nonce: string;
  payload: string;
  expiresAt: Date;
  keyFingerprint: string;
  onBehalfOf?: DecisionPayload['onBehalfOf'];
}

/**
 * Fixes what the agent is about to sign — tenant, request, task, decision, comment, the hash of the
 * request's data now, a single-use nonce and the time — after checking the step is open, takes a
 * signature, and is the agent's (or a delegator's) to sign with their active key.
 */
export async function prepareSignature(
  db: Db,
  agent: SignedInAgent,
  input: { taskId: string; decision: string; comment?: string; onBehalfOf?: string },
): Promise<PreparedSignature> {
  const decision = checkDecision(input.decision);
  const comment = checkComment(input.comment);
  const task = await openSignatureStep(db, input.taskId);
  const right = await signingRight(db, agent, task, input.onBehalfOf);
  const key = await keyRepository(db).active(agent.id);
  if (!key)
    throw userError(
      'KEY_INVALID',
      "Vous n'avez pas de clé de signature active : enrôlez-en une depuis le parapheur avant de signer. / You have no active signing key: enrol one first.",
    );
  const nonce = randomBytes(32).toString('base64url');
  const [now] = await db<{ now: Date }[]>`select now()`;
  const payload: DecisionPayload = {
    purpose: 'parvis.decision.v1',
    tenant: agent.municipalityId,
    request: { id: task.request_id, trackingCode: task.tracking_code, dataHash: dataHash(task.request_data) },
    task: {
      id: task.id,
      key: task.task_key,
      elementId: task.element_id,
      name: task.name ?? task.element_id,
      groups: task.candidate_groups,
    },
    signer: { id: agent.id, name: agent.displayName },
    ...(right.kind === 'delegated'
      ? {
          onBehalfOf: {
            id: right.delegation.delegator_id,
            name: right.delegation.delegator_name,
            delegationId: right.delegation.id,
          },
        }
      : {}),
    decision,
    comment,
    key: key.fingerprint,
    nonce,
    time: now!.now.toISOString(),
  };
  const text = signedText(payload);
  const expiresAt = new Date(now!.now.getTime() + NONCE_LIFETIME_MS);
  await db`insert into signature_nonces (nonce, municipality_id, agent_id, task_id, prepared, expires_at)
    values (${nonce}, ${agent.municipalityId}, ${agent.id}, ${task.id}, ${text}, ${expiresAt})`;
  return { nonce, payload: text, expiresAt, keyFingerprint: key.fingerprint, onBehalfOf: payload.onBehalfOf };
}

/** The task, if it exists, is open and its step takes a signed decision. */
export async function openSignatureStep(db: Db, taskId: string): Promise<SignableTask> {
  const task = await findSignableTask(db, taskId);
  if (!task) throw userError('NOT_FOUND', `Tâche ${taskId} introuvable. / No such task.`);
  const step = `« ${task.name ?? task.element_id} » (${task.tracking_code})`;
  if (task.status !== 'open')
    throw userError(
      'TASK_NOT_OPEN',
      `L'étape ${step} n'est plus ouverte (${task.status}) : rien à signer. / The step is not open.`,
    );
  if (task.signature_property !== 'required')
    throw userError(
      'BAD_USER_INPUT',
      `L'étape ${step} ne se signe pas : complétez-la avec son formulaire. / This step takes no signature.`,
    );
  return task;
}

export function checkDecision(value: string): Decision {
  if (!(DECISIONS as readonly string[]).includes(value))
    throw userError(
      'BAD_USER_INPUT',
      `Décision « ${value} » inconnue : approve (approuver), refuse (refuser) ou return (renvoyer pour modification). / Unknown decision.`,
    );
  return value as Decision;
}

export function checkComment(value: string | undefined): string {
  const comment = (value ?? '').trim();
  if (comment.length > COMMENT_MAX)
    throw userError(
      'BAD_USER_INPUT',
      `Le commentaire dépasse ${COMMENT_MAX} caractères. / The comment is longer than ${COMMENT_MAX} characters.`,
    );
  return comment;
}

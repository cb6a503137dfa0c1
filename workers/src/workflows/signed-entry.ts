// Sandbox-safe: the timeline entry of a signed decision, everything a verifier needs to check it again.
import type { TimelineEntry } from '../activities/project-step.ts';
import type { CompleteTaskArgs, OpenTask } from '../messages.ts';

/** The `signed` timeline event: who signed what, for whom, with which key, and the signed text itself. */
export function signedEntry(task: OpenTask, args: CompleteTaskArgs): TimelineEntry {
  const signature = args.signature!;
  const onBehalfOf = signature.onBehalfOf;
  return {
    kind: 'signed',
    payload: {
      signatureId: signature.signatureId,
      taskKey: task.taskKey,
      elementId: task.elementId,
      name: task.name ?? task.elementId,
      decision: signature.decision,
      comment: signature.comment,
      signer: { id: args.actor.id, name: args.actor.displayName },
      ...(onBehalfOf
        ? {
            onBehalfOf: { id: onBehalfOf.actor.id, name: onBehalfOf.actor.displayName },
            delegationId: onBehalfOf.delegationId,
          }
        : {}),
      signedAt: signature.signedAt,
      algorithm: signature.algorithm,
      keyFingerprint: signature.keyFingerprint,
      payloadHash: signature.payloadHash,
      signature: signature.signature,
      signedPayload: signature.signedPayload,
    },
  };
}

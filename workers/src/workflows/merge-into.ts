// Sandbox-safe: a request merged into another about the same thing (issue 14, point 7).
import type { ProcessState } from '@parvis/engine/runtime';
import { ApplicationFailure } from '@temporalio/workflow';
import type { MergeIntoArgs, RequestWorkflowInput } from '../messages.ts';

/** Refuses a merge of a request that no longer runs, into itself, or of a call activity's child. */
export function validateMerge(input: RequestWorkflowInput, status: ProcessState['status'], args: MergeIntoArgs): void {
  if (input.child || status !== 'active')
    throw ApplicationFailure.nonRetryable(
      `La demande ${input.trackingCode} est déjà close : il n'y a plus rien à fusionner. / Request ${input.trackingCode} is already closed.`,
      'MERGE_REFUSED',
    );
  if (!args.mainTrackingCode || args.mainTrackingCode === input.trackingCode)
    throw ApplicationFailure.nonRetryable(
      `On ne fusionne pas la demande ${input.trackingCode} avec elle-même. / A request cannot be merged into itself.`,
      'MERGE_REFUSED',
    );
}

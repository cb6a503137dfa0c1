import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';

/** The workflow that called the running activity. */
export function callingWorkflowId(): string {
  const execution = Context.current().info.workflowExecution;
  if (!execution) throw new Error('This activity runs for a workflow only.');
  return execution.workflowId;
}

/**
 * An id the running activity keeps across its retries (its workflow run and activity id), as a
 * UUID: a retried publication or broadcast finds what its first attempt did.
 */
export function activityScopedId(): string {
  const info = Context.current().info;
  const hex = createHash('sha256')
    .update(`${callingWorkflowId()}/${info.workflowExecution?.runId}/${info.activityId}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

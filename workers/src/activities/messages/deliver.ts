import { type Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';

/**
 * What became of an update sent to a waiting request's workflow: `delivered`; `gone` when the
 * workflow ended or no longer waits (its validator answered NOT_WAITING: the wait ended
 * meanwhile); `refused` when it refused the update otherwise (sending it again would not help).
 * Other failures (Temporal unreachable…) throw, so the activity retries.
 */
export async function deliverTo(
  temporal: Client,
  workflowId: string,
  update: (handle: ReturnType<Client['workflow']['getHandle']>) => Promise<unknown>,
): Promise<'delivered' | 'gone' | 'refused'> {
  try {
    await update(temporal.workflow.getHandle(workflowId));
    return 'delivered';
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return 'gone';
    if (error instanceof WorkflowUpdateFailedError) return codeOf(error.cause) === 'NOT_WAITING' ? 'gone' : 'refused';
    throw error;
  }
}

const codeOf = (cause: unknown) => (cause as { type?: string } | undefined)?.type;

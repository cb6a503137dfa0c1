import { type Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';

/**
 * Runs an update on a waiting request's workflow. False when the workflow no longer waits (it
 * ended, or its validator answered NOT_WAITING: the wait ended meanwhile); other failures throw,
 * so the activity retries.
 */
export async function deliverTo(
  temporal: Client,
  workflowId: string,
  update: (handle: ReturnType<Client['workflow']['getHandle']>) => Promise<unknown>,
): Promise<boolean> {
  try {
    await update(temporal.workflow.getHandle(workflowId));
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    if (error instanceof WorkflowUpdateFailedError && codeOf(error.cause) === 'NOT_WAITING') return false;
    throw error;
  }
}

const codeOf = (cause: unknown) => (cause as { type?: string } | undefined)?.type;

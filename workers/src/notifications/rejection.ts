import { ApplicationFailure, Context } from '@temporalio/activity';

/** Attempts a server's refusal of a message gets before it becomes an incident. */
const REJECTION_ATTEMPTS = 5;

/**
 * Tells a refusal (an SMTP 5xx answer, an SMS gateway's 4xx) from a service that cannot be reached.
 * A refused message is retried a few times, then stops as an incident agents see; an unreachable
 * service (PostgreSQL, SMTP or gateway down) is retried until it is back, so nothing is lost.
 */
export function failNotification(error: unknown): never {
  const { responseCode, rejected } = error as { responseCode?: number; rejected?: boolean };
  const refused = rejected === true || (typeof responseCode === 'number' && responseCode >= 500);
  if (refused && Context.current().info.attempt >= REJECTION_ATTEMPTS) {
    throw ApplicationFailure.nonRetryable((error as Error).message, 'NOTIFICATION_REJECTED');
  }
  throw error;
}

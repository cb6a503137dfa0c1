// Sandbox-safe: a message published from outside Parvis (the GraphQL API, the signed webhook) goes
// through the same activity as a request's message throw event: correlate, start, or buffer.
import { proxyActivities } from '@temporalio/workflow';
import type { RequestActivities } from '../activities/index.ts';
import type { PublishInput, PublishOutcome } from '../activities/messages/index.ts';

const io = proxyActivities<RequestActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 10 },
});

export async function publishMessageWorkflow(input: PublishInput): Promise<PublishOutcome> {
  return io.publishMessage(input);
}

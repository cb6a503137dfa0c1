import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allClosed,
  answerTasks,
  exactlyOnceProblems,
  type FiledRequest,
  fileContactRequests,
  mapLimit,
  signInAccueil,
  tasksInInbox,
} from '../support/contact-requests.ts';
import { type ParvisCluster, startParvisCluster } from '../support/parvis-cluster.ts';

const REQUESTS = 200;

describe('200 requests in flight across two worker processes', () => {
  let parvis: ParvisCluster;

  beforeAll(async () => {
    parvis = await startParvisCluster();
  });
  afterAll(() => parvis?.stop());

  it('all complete, each exactly once, and both workers share the work', async () => {
    // given two worker processes on the same task queue
    const workers = await Promise.all([parvis.startWorker(), parvis.startWorker()]);
    const citizens = parvis.client();
    const agent = parvis.client();
    await signInAccueil(agent);

    // when 200 citizens file a request, twenty at a time
    const filed = await fileContactRequests(citizens, REQUESTS, 'citizen', 20);
    // and the agent answers every one of them as they reach the inbox
    const tasks = await tasksInInbox(agent, filed, 120_000);
    await answerTasks(agent, tasks.values(), 20);

    // then every request is closed, acknowledged once, with one 'closed' event in an intact timeline
    await allClosed(parvis.sql, filed, 120_000);
    expect(await exactlyOnceProblems(parvis.sql, parvis.smtp, filed)).toEqual([]);
    // and both processes ran some of them (seen in the histories of one request in five)
    const identities = await workerIdentities(
      parvis.temporal,
      filed.filter((_, i) => i % 5 === 0),
    );
    for (const worker of workers) expect([...identities].some((id) => id.startsWith(`${worker.pid}@`))).toBe(true);
  });
});

/** Who completed workflow tasks and ran activities for these requests, from their histories. */
async function workerIdentities(temporal: Client, requests: FiledRequest[]): Promise<Set<string>> {
  const identities = new Set<string>();
  await mapLimit(requests, 10, async (request) => {
    const history = await temporal.workflow.getHandle(`request-${request.trackingCode}`).fetchHistory();
    for (const event of history.events ?? []) {
      const identity =
        event.workflowTaskCompletedEventAttributes?.identity ?? event.activityTaskStartedEventAttributes?.identity;
      if (identity) identities.add(identity);
    }
  });
  return identities;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allClosed,
  answerTasks,
  exactlyOnceProblems,
  fileContactRequests,
  signInAccueil,
  tasksInInbox,
} from '../support/contact-requests.ts';
import { type ParvisCluster, startParvisCluster } from '../support/parvis-cluster.ts';

describe('the Temporal dev server stopped and started again in the middle of requests', () => {
  let parvis: ParvisCluster;

  beforeAll(async () => {
    parvis = await startParvisCluster({ durableTemporal: true });
  });
  afterAll(() => parvis?.stop());

  it('loses nothing: open tasks stay answerable and requests in flight finish, once each', async () => {
    // given a worker, ten requests waiting for an answer
    await parvis.startWorker();
    const citizens = parvis.client();
    const agent = parvis.client();
    await signInAccueil(agent);
    const waiting = await fileContactRequests(citizens, 10, 'waiting');
    const tasks = await tasksInInbox(agent, waiting);
    // and ten requests just filed, still starting
    const starting = await fileContactRequests(citizens, 10, 'starting');

    // when Temporal stops, stays down a few seconds and starts again on the same state file and port
    await parvis.restartTemporal({ whileDown: () => new Promise((resolve) => setTimeout(resolve, 5_000)) });

    // then the tasks opened before the restart can still be answered
    await answerTasks(agent, tasks.values());
    // and the requests that were starting reach the inbox and can be answered too
    const newTasks = await tasksInInbox(agent, starting, 90_000);
    await answerTasks(agent, newTasks.values());
    // and every request is closed, acknowledged once, with one intact timeline
    const everyone = [...waiting, ...starting];
    await allClosed(parvis.sql, everyone);
    expect(await exactlyOnceProblems(parvis.sql, parvis.smtp, everyone)).toEqual([]);
  });
});

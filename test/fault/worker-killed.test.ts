import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allClosed,
  answerTasks,
  exactlyOnceProblems,
  fileContactRequests,
  signInAccueil,
  tasksInInbox,
} from '../support/contact-requests.ts';
import { eventually } from '../support/graphql-client.ts';
import { type ParvisCluster, startParvisCluster } from '../support/parvis-cluster.ts';

describe('a worker process killed with SIGKILL in the middle of requests', () => {
  let parvis: ParvisCluster;

  beforeAll(async () => {
    parvis = await startParvisCluster();
  });
  afterAll(() => parvis?.stop());

  it('is replaced by another and every request finishes once: one e-mail, one timeline, no duplicate row', async () => {
    // given a worker, ten requests waiting for an answer and an agent answering them
    const first = await parvis.startWorker();
    const citizens = parvis.client();
    const agent = parvis.client();
    await signInAccueil(agent);
    const waiting = await fileContactRequests(citizens, 10, 'waiting');
    const tasks = await tasksInInbox(agent, waiting);
    const answering = answerTasks(agent, tasks.values());
    // and ten more requests being filed at the same time
    const filing = fileContactRequests(citizens, 10, 'filing');

    // when the worker dies at once while those are in flight
    await eventually(async () =>
      parvis.smtp.messages().some((m) => m.to.some((to) => to.startsWith('filing-'))) ? true : undefined,
    );
    await first.kill9();
    // and another worker takes over
    await parvis.startWorker();

    // then the answers given meanwhile are taken and the new requests reach the inbox
    await answering;
    const filed = await filing;
    const newTasks = await tasksInInbox(agent, filed, 90_000);
    await answerTasks(agent, newTasks.values());
    // and every request is closed, acknowledged once, with one intact timeline
    const everyone = [...waiting, ...filed];
    await allClosed(parvis.sql, everyone);
    expect(await exactlyOnceProblems(parvis.sql, parvis.smtp, everyone)).toEqual([]);
  });
});

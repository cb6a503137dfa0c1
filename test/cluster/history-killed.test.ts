import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allClosed,
  answerTasks,
  exactlyOnceProblems,
  fileContactRequests,
  signInAccueil,
  tasksInInbox,
} from '../support/contact-requests.ts';
import {
  firstAcknowledged,
  startTemporalCluster,
  type TemporalCluster,
  waitingThroughBothApis,
} from '../support/temporal-cluster.ts';

describe("Temporal's history service killed with SIGKILL in the middle of requests", () => {
  let parvis: TemporalCluster;

  beforeAll(async () => {
    parvis = await startTemporalCluster('history-killed');
  });
  afterAll(() => parvis?.stop());

  it('loses nothing once it is started again: every request finishes, once each', async () => {
    // given ten requests waiting for an answer, filed through both APIs
    const agent = parvis.client(1);
    await signInAccueil(agent);
    const { waiting, tasks } = await waitingThroughBothApis(parvis, agent);
    // and an agent answering them while ten more requests are being filed
    const answering = answerTasks(agent, tasks.values());
    const filing = fileContactRequests(parvis.client(2), 10, 'filing');

    // when the history service dies at once while those are in flight, stays down five seconds
    // (no other history process owns its shards meanwhile) and starts again
    await firstAcknowledged(parvis, 'filing');
    await parvis.processes.kill9('temporal-history');
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    await parvis.processes.restart('temporal-history');

    // then the answers are taken and the new requests reach the inbox
    await answering;
    const filed = await filing;
    await answerTasks(agent, (await tasksInInbox(agent, filed, 90_000)).values());
    // and every request is closed, acknowledged once, with one task and one intact timeline
    const everyone = [...waiting, ...filed];
    await allClosed(parvis.sql, everyone, 90_000);
    expect(await exactlyOnceProblems(parvis.sql, parvis.smtp, everyone)).toEqual([]);
  });
});

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

describe("Temporal's frontend service restarted in the middle of requests", () => {
  let parvis: TemporalCluster;

  beforeAll(async () => {
    parvis = await startTemporalCluster('frontend-restarted');
  });
  afterAll(() => parvis?.stop());

  it('loses nothing: the APIs and workers reconnect and every request finishes, once each', async () => {
    // given ten requests waiting for an answer, filed through both APIs
    const agent = parvis.client(1);
    await signInAccueil(agent);
    const { waiting, tasks } = await waitingThroughBothApis(parvis, agent);
    // and ten requests just filed, their first steps still running
    const starting = await fileContactRequests(parvis.client(2), 10, 'starting');

    // when the frontend stops (SIGTERM) and starts again on the same ports, an answer in flight
    const answering = answerTasks(agent, tasks.values());
    await firstAcknowledged(parvis, 'starting');
    await parvis.processes.restart('temporal-frontend');

    // then the answers are taken and the requests that were starting reach the inbox
    await answering;
    await answerTasks(agent, (await tasksInInbox(agent, starting, 90_000)).values());
    // and every request is closed, acknowledged once, with one task and one intact timeline
    const everyone = [...waiting, ...starting];
    await allClosed(parvis.sql, everyone, 90_000);
    expect(await exactlyOnceProblems(parvis.sql, parvis.smtp, everyone)).toEqual([]);
  });
});

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

// Restarts the machine's PostgreSQL server: whatever else uses it sees its connections cut.
describe('PostgreSQL restarted under the cluster in the middle of requests', () => {
  let parvis: TemporalCluster;

  beforeAll(async () => {
    parvis = await startTemporalCluster('postgres-restarted');
  });
  afterAll(() => parvis?.stop());

  it("loses nothing: Temporal's services, the APIs and the workers reconnect, every request finishes once", async () => {
    // given ten requests waiting for an answer, filed through both APIs
    const agent = parvis.client(1);
    await signInAccueil(agent);
    const { waiting, tasks } = await waitingThroughBothApis(parvis, agent);
    // and ten requests just filed, their first steps still running
    const starting = await fileContactRequests(parvis.client(2), 10, 'starting');

    // when PostgreSQL restarts, Temporal's persistence and Parvis's database with it, an answer in flight
    const answering = answerTasks(agent, tasks.values());
    await firstAcknowledged(parvis, 'starting');
    await parvis.restartPostgres();

    // then the answers are taken and the requests that were starting reach the inbox
    await answering;
    await answerTasks(agent, (await tasksInInbox(agent, starting, 90_000)).values());
    // and every request is closed, acknowledged once, with one task and one intact timeline
    const everyone = [...waiting, ...starting];
    await allClosed(parvis.sql, everyone, 90_000);
    expect(await exactlyOnceProblems(parvis.sql, parvis.smtp, everyone)).toEqual([]);
  });
});

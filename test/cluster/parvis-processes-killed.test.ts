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

describe('a worker process and an API process killed with SIGKILL in the middle of requests', () => {
  let parvis: TemporalCluster;

  beforeAll(async () => {
    parvis = await startTemporalCluster('parvis-killed');
  });
  afterAll(() => parvis?.stop());

  it('the other API keeps serving, the other worker takes over, every request finishes once', async () => {
    // given an agent on each API (sessions live in the database)
    const agent = parvis.client(1);
    const colleague = parvis.client(2);
    await Promise.all([signInAccueil(agent), signInAccueil(colleague)]);
    // and ten requests waiting for an answer, filed through both APIs
    const { waiting, tasks } = await waitingThroughBothApis(parvis, agent);
    // and an agent answering them through the first API while ten requests are filed through the second
    const answering = answerTasks(agent, tasks.values());
    const filing = fileContactRequests(parvis.client(2), 10, 'filing');

    // when the first worker and the first API die at once while those are in flight
    await firstAcknowledged(parvis, 'filing');
    await Promise.all([parvis.processes.kill9('worker-1'), parvis.processes.kill9('api-1')]);

    // then the second API takes every filing and the second worker brings them to the inbox
    const filed = await filing;
    const newTasks = await tasksInInbox(colleague, filed, 90_000);
    // and once the first API is back (as an orchestrator would start it again), the agent's answers are taken
    await parvis.processes.restart('api-1');
    await answering;
    await answerTasks(colleague, newTasks.values());
    // and every request is closed, acknowledged once, with one task and one intact timeline
    const everyone = [...waiting, ...filed];
    await allClosed(parvis.sql, everyone, 90_000);
    expect(await exactlyOnceProblems(parvis.sql, parvis.smtp, everyone)).toEqual([]);
  });
});

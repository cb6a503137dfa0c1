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
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';

const OUTAGE_MS = 30_000;

describe('PostgreSQL unreachable from the worker for 30 s', () => {
  let parvis: ParvisCluster;
  let link: TcpProxy;

  beforeAll(async () => {
    parvis = await startParvisCluster();
    // The machine's PostgreSQL is shared: the outage is a cut link between the worker and it.
    const database = new URL(parvis.databaseUrl);
    link = await startTcpProxy({ host: database.hostname, port: Number(database.port || 5432) });
  });
  afterAll(async () => {
    await link?.stop();
    await parvis?.stop();
  });

  it('lets projections catch up once the link is back: answers taken, requests acknowledged, nothing twice', async () => {
    // given a worker that reaches PostgreSQL through a link we can cut, and five requests waiting for an answer
    const throughLink = new URL(parvis.databaseUrl);
    throughLink.hostname = '127.0.0.1';
    throughLink.port = String(link.port);
    await parvis.startWorker({ databaseUrl: throughLink.toString() });
    const citizens = parvis.client();
    const agent = parvis.client();
    await signInAccueil(agent);
    const waiting = await fileContactRequests(citizens, 5, 'waiting');
    const tasks = await tasksInInbox(agent, waiting);
    // and ten requests being filed, their workflows starting
    const starting = fileContactRequests(citizens, 10, 'starting');

    // when the link to PostgreSQL is cut as soon as the first of those is recorded
    await eventually(async () => {
      const [row] = await parvis.sql<{ recorded: number }[]>`select count(*)::int as recorded from request_steps s
        join requests r on r.id = s.request_id where r.citizen_email like 'starting-%'`;
      return row!.recorded > 0 ? true : undefined;
    });
    await link.cut();
    // and meanwhile the agent answers and citizens file new requests (the API still reaches the database)
    const answering = answerTasks(agent, tasks.values());
    const filed = await fileContactRequests(citizens, 10, 'during-outage');
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    // then nothing of the new requests could be acknowledged while the worker could not record it
    expect(parvis.smtp.messages().filter((m) => m.to.some((to) => to.startsWith('during-outage-')))).toEqual([]);

    // when the link comes back
    await link.restore();

    // then the answers given during the outage are taken
    await answering;
    // and the requests filed during the outage are acknowledged and reach the inbox
    const newTasks = await tasksInInbox(agent, filed, 90_000);
    await answerTasks(agent, newTasks.values());
    // and every request is closed, acknowledged once, with one intact timeline
    const started = await starting;
    const startedTasks = await tasksInInbox(agent, started, 90_000);
    await answerTasks(agent, startedTasks.values());
    const everyone = [...waiting, ...started, ...filed];
    await allClosed(parvis.sql, everyone);
    expect(await exactlyOnceProblems(parvis.sql, parvis.smtp, everyone)).toEqual([]);
  });
});

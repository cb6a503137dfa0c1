import type { Server } from 'node:http';
import { createApiApp, createHttpServer } from '@parvis/graphql';
import { type Client, createClient } from 'graphql-ws';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { eventually } from '../support/graphql-client.ts';
import { seedMunicipality } from '../support/municipalities.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

// Subscriptions over graphql-ws on a real Parvis: the worker projects, PostgreSQL announces,
// the API's one LISTEN connection fans out to the right sockets only.

const CONTACT = {
  subject: 'Voirie',
  message: 'Un lampadaire ne s’allume plus rue Haute.',
  email: 'habitant@example.fr',
};
const SUBMIT = `mutation ($m: ID!, $d: JSON!) { submitRequest(municipality: $m, procedure: "contact", data: $d) { trackingCode } }`;
const AGENT_SIGN_IN = `mutation ($m: ID!, $e: String!, $p: String!) { signIn(municipality: $m, email: $e, password: $p) { id } }`;
const INBOX_CHANGED = 'subscription { inboxChanged { taskIds at } }';
const DASHBOARD_CHANGED = 'subscription { dashboardChanged { requestCount } }';
const REQUEST_CHANGED = `subscription ($code: String!, $email: String) {
  requestChanged(trackingCode: $code, email: $email) { trackingCode status } }`;

interface Received<T> {
  data: T[];
  errors: { message: string; extensions?: { code?: string } }[];
  completed: boolean;
  stop: () => void;
}

/** Posts one GraphQL operation; returns its data and the session cookie it set, if any. */
async function post(parvis: RunningParvis, query: string, variables: Record<string, unknown>, cookie = '') {
  const response = await fetch(`${parvis.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, Record<string, unknown>>; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return { data: body.data!, cookie: response.headers.get('set-cookie')?.split(';')[0] ?? cookie };
}

/** A graphql-ws client that opens its socket as a browser would: with the session cookie, from `origin`. */
function socket(parvis: { url: string }, headers: { cookie?: string; origin?: string } = {}): Client {
  const withHeaders = class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  };
  return createClient({
    url: `${parvis.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: withHeaders,
    retryAttempts: 0,
  });
}

function listen<T>(client: Client, query: string, variables: Record<string, unknown> = {}): Received<T> {
  const received: Received<T> = { data: [], errors: [], completed: false, stop: () => {} };
  received.stop = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        if (result.data) received.data.push(result.data as T);
        if (result.errors) received.errors.push(...(result.errors as Received<T>['errors']));
      },
      error: (error) => {
        received.errors.push(
          ...(Array.isArray(error) ? error : [{ message: String((error as Error).message ?? error) }]),
        );
        received.completed = true;
      },
      complete: () => {
        received.completed = true;
      },
    },
  );
  return received;
}

// The server has the subscription once its first read (sessions, tracking code) is done.
const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

describe('live updates over graphql-ws', () => {
  let parvis: RunningParvis;
  const clients: Client[] = [];
  let accueil: string;
  let bourg: string;
  const open = (headers: { cookie?: string; origin?: string } = {}) => {
    const client = socket(parvis, headers);
    clients.push(client);
    return client;
  };
  const openTaskOf = (code: string) =>
    eventually(async () => {
      const [row] = await parvis.sql<{ id: string }[]>`select t.id from tasks t join requests r on r.id = t.request_id
        where r.tracking_code = ${code} and t.status = 'open'`;
      return row?.id;
    }, 60_000);
  const submit = async (municipality: string, data = CONTACT) =>
    (await post(parvis, SUBMIT, { m: municipality, d: data })).data.submitRequest!.trackingCode as string;

  beforeAll(async () => {
    parvis = await startParvis();
    await seedMunicipality(parvis.sql, 'bourg', {
      email: 'agent@bourg.fr',
      password: 'bourg-secret',
      displayName: 'B',
    });
    accueil = (await post(parvis, AGENT_SIGN_IN, { m: 'demo', e: 'accueil@demoville.fr', p: 'demo-accueil' })).cookie;
    bourg = (await post(parvis, AGENT_SIGN_IN, { m: 'bourg', e: 'agent@bourg.fr', p: 'bourg-secret' })).cookie;
  }, 180_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await parvis?.stop();
  });

  it('an agent hears of a request filed for their group; an agent of another municipality hears nothing of it', async () => {
    // given an agent of demo's `accueil` and an agent of bourg (same group name), both listening
    const mine = listen<{ inboxChanged: { taskIds: string[] } }>(open({ cookie: accueil }), INBOX_CHANGED);
    const theirs = listen<{ inboxChanged: { taskIds: string[] } }>(open({ cookie: bourg }), INBOX_CHANGED);
    await settle();
    // when a citizen files a contact request in demo
    const code = await submit('demo');
    const taskId = await openTaskOf(code);
    // then demo's agent is told of its task
    await eventually(async () => (mine.data.some((d) => d.inboxChanged.taskIds.includes(taskId)) ? true : undefined));
    expect(mine.errors).toEqual([]);
    // and bourg's agent, listening all along, heard nothing of demo — though it hears bourg's own requests
    const bourgTask = await openTaskOf(await submit('bourg'));
    await eventually(async () =>
      theirs.data.some((d) => d.inboxChanged.taskIds.includes(bourgTask)) ? true : undefined,
    );
    expect(theirs.data.flatMap((d) => d.inboxChanged.taskIds)).not.toContain(taskId);
    expect(mine.data.flatMap((d) => d.inboxChanged.taskIds)).not.toContain(bourgTask);
  }, 120_000);

  it('an anonymous socket cannot listen to an inbox or a dashboard, nor a socket opened from another site', async () => {
    const anonymous = open();
    const inbox = listen(anonymous, INBOX_CHANGED);
    const dashboard = listen(anonymous, DASHBOARD_CHANGED);
    await eventually(async () => (inbox.completed && dashboard.completed ? true : undefined));
    expect(inbox.errors[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(dashboard.errors[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect([...inbox.data, ...dashboard.data]).toEqual([]);
    // a page of another site opening a socket with the agent's cookie is refused before any operation
    const forged = listen(open({ cookie: accueil, origin: 'https://evil.example' }), INBOX_CHANGED);
    await eventually(async () => (forged.completed ? true : undefined));
    expect(forged.data).toEqual([]);
    expect(forged.errors.length).toBeGreaterThan(0);
  }, 60_000);

  it('an agent who is not a manager cannot listen to the dashboard', async () => {
    const dashboard = listen(open({ cookie: accueil }), DASHBOARD_CHANGED);
    await eventually(async () => (dashboard.completed ? true : undefined));
    expect(dashboard.errors[0]?.extensions?.code).toBe('FORBIDDEN');
  }, 60_000);

  it('a citizen follows their request with its code and e-mail; the wrong e-mail is refused', async () => {
    const code = await submit('demo', { ...CONTACT, email: 'suivi@example.fr' });
    const taskId = await openTaskOf(code);
    const wrong = listen(open(), REQUEST_CHANGED, { code, email: 'someone-else@example.fr' });
    const right = listen<{ requestChanged: { trackingCode: string; status: string } }>(open(), REQUEST_CHANGED, {
      code,
      email: 'SUIVI@example.fr ',
    });
    await eventually(async () => (wrong.completed ? true : undefined));
    expect(wrong.errors[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(wrong.data).toEqual([]);
    await settle();
    // when an agent completes the request's task
    await post(parvis, 'mutation ($id: ID!) { claimTask(taskId: $id) { id } }', { id: taskId }, accueil);
    await post(
      parvis,
      'mutation ($id: ID!, $d: JSON) { completeTask(taskId: $id, data: $d) { id } }',
      { id: taskId, d: { answer: 'Le lampadaire sera réparé jeudi.' } },
      accueil,
    );
    // then the citizen's page hears of it, up to its closing
    const closed = await eventually(async () => right.data.find((d) => d.requestChanged.status === 'closed'), 60_000);
    expect(closed.requestChanged.trackingCode).toBe(code);
    expect(right.errors).toEqual([]);
  }, 120_000);

  it('a manager who signs out hears nothing more: the socket closes', async () => {
    const manager = (await post(parvis, AGENT_SIGN_IN, { m: 'demo', e: 'manager@demoville.fr', p: 'demo-manager' }))
      .cookie;
    let closed: number | undefined;
    const client = createClient({
      url: `${parvis.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: class extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, { headers: { cookie: manager } });
        }
      },
      retryAttempts: 0,
      on: { closed: (event) => (closed = (event as { code: number }).code) },
    });
    clients.push(client);
    const inbox = listen<{ inboxChanged: { taskIds: string[] } }>(client, 'subscription { inboxChanged { taskIds } }');
    await settle();
    // when the agent signs out, then a task of the municipality changes
    await post(parvis, 'mutation { signOut }', {}, manager);
    await parvis.sql`update tasks set name = name where municipality_id = 'demo'`;
    // then the socket is closed, and nothing came
    await eventually(async () => closed);
    expect(closed).toBe(4403);
    expect(inbox.data).toEqual([]);
  }, 60_000);

  it('an API process hears of a change another API process made (each listens to PostgreSQL)', async () => {
    // given a second API process, on a connection of its own, where the agent listens
    const { host, port, database, user, pass } = parvis.sql.options;
    const sql = postgres({ host: host[0], port: port[0], database, user, pass: pass ?? undefined, onnotice: () => {} });
    const app = await createApiApp(
      { sql, temporal: parvis.temporal, publicUrl: 'http://parvis.test' },
      { log: () => {} },
    );
    const server: Server = createHttpServer(app);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const address = server.address();
    const second = { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
    try {
      const client = socket(second, { cookie: accueil });
      clients.push(client);
      const code = await submit('demo');
      const taskId = await openTaskOf(code);
      const inbox = listen<{ inboxChanged: { taskIds: string[] } }>(client, INBOX_CHANGED);
      await settle();
      // when the agent claims the task through the first
      await post(parvis, 'mutation ($id: ID!) { claimTask(taskId: $id) { id } }', { id: taskId }, accueil);
      // then the second tells the agent's socket
      await eventually(async () =>
        inbox.data.some((d) => d.inboxChanged.taskIds.includes(taskId)) ? true : undefined,
      );
      await client.dispose();
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
      await sql.end({ timeout: 5 });
    }
  }, 120_000);

  it('a wave of changes in one transaction reaches a subscriber as one event naming them all', async () => {
    const manager = (await post(parvis, AGENT_SIGN_IN, { m: 'demo', e: 'manager@demoville.fr', p: 'demo-manager' }))
      .cookie;
    const inbox = listen<{ inboxChanged: { taskIds: string[] } }>(open({ cookie: accueil }), INBOX_CHANGED);
    const dashboard = listen<{ dashboardChanged: { requestCount: number } }>(
      open({ cookie: manager }),
      DASHBOARD_CHANGED,
    );
    await settle();
    const tasks = await parvis.sql<{ id: string }[]>`update tasks set name = name
      where municipality_id = 'demo' and 'accueil' = any(candidate_groups) returning id`;
    const requests = await parvis.sql`update requests set status = status where municipality_id = 'demo' returning id`;
    expect(tasks.length).toBeGreaterThan(1);
    await eventually(async () => (inbox.data.length > 0 && dashboard.data.length > 0 ? true : undefined));
    // the batch window is long past: nothing more comes
    await settle();
    expect(inbox.data).toHaveLength(1);
    expect([...inbox.data[0]!.inboxChanged.taskIds].sort()).toEqual(tasks.map((t) => t.id).sort());
    expect(dashboard.data.length).toBeLessThanOrEqual(2);
    expect(dashboard.data.map((d) => d.dashboardChanged.requestCount)).toContain(requests.length);
  }, 60_000);
});

import { createServer } from 'node:http';
import { createApiApp } from '@parvis/graphql';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphqlClient } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

const SIGN_IN = `mutation { signIn(municipality: "demo", email: "manager@demoville.fr", password: "demo-manager") { id } }`;
const PAGE = `query ($filter: RequestFilter, $order: SortOrder, $first: Int, $after: String) {
  requests(filter: $filter, order: $order, first: $first, after: $after) {
    nodes { trackingCode channel data } pageInfo { endCursor hasNextPage } } }`;

interface Page {
  requests: {
    nodes: { trackingCode: string; channel: string; data: { subject: string } }[];
    pageInfo: { endCursor: string; hasNextPage: boolean };
  };
}

const SUBJECTS = [
  'Deux arbres sont tombés rue Haute',
  'Lampadaire en panne',
  'Demande de permis de construire',
  'Un arbre menace de tomber',
  'Horaires de la piscine',
];
const CHANNELS = ['web', 'phone', 'counter', 'post', 'email'];

describe('limits and lists: pages, filters, sorting, search, query limits, errors', () => {
  let parvis: RunningParvis;
  let manager: GraphqlClient;

  beforeAll(async () => {
    parvis = await startParvis();
    manager = parvis.client();
    await manager.data(SIGN_IN);
    // 25 requests, one minute apart, channels and subjects in turn (projections only: no workflow needed to list them)
    const [version] = await parvis.sql<
      { id: string }[]
    >`select id from procedure_versions where procedure_key = 'contact'`;
    for (let i = 0; i < 25; i++) {
      await parvis.sql`insert into requests (municipality_id, tracking_code, procedure_version_id, channel, data, workflow_id, submitted_at)
        values ('demo', ${`TEST-0000-${String(i).padStart(4, '0')}`}, ${version!.id}, ${CHANNELS[i % 5]!},
          ${parvis.sql.json({ subject: SUBJECTS[i % 5]!, message: 'Merci de votre aide.' })}, ${`wf-${i}`},
          ${new Date(Date.UTC(2025, 0, 1, 9, i))})`;
    }
  });
  afterAll(() => parvis?.stop());

  it('pages through requests by cursor, newest first or oldest first, without gaps or repeats', async () => {
    // when the manager reads every page of 10
    const codes: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const { requests } = await manager.data<Page>(PAGE, { first: 10, after });
      codes.push(...requests.nodes.map((r) => r.trackingCode));
      after = requests.pageInfo.hasNextPage ? requests.pageInfo.endCursor : undefined;
      pages++;
    } while (after);
    // then
    expect(pages).toBe(3);
    expect(codes).toHaveLength(25);
    expect(codes[0]).toBe('TEST-0000-0024');
    const { requests } = await manager.data<Page>(PAGE, { first: 3, order: 'OLDEST_FIRST' });
    expect(requests.nodes.map((r) => r.trackingCode)).toEqual(['TEST-0000-0000', 'TEST-0000-0001', 'TEST-0000-0002']);
  });

  it('filters by channel and date, and finds requests by words with French stemming', async () => {
    const byChannel = await manager.data<Page>(PAGE, { filter: { channel: 'phone' }, first: 100 });
    expect(byChannel.requests.nodes).toHaveLength(5);
    expect(new Set(byChannel.requests.nodes.map((r) => r.channel))).toEqual(new Set(['phone']));
    const byDate = await manager.data<Page>(PAGE, {
      filter: { submittedFrom: '2025-01-01T09:20:00Z', submittedTo: '2025-01-01T09:22:00Z' },
    });
    expect(byDate.requests.nodes.map((r) => r.trackingCode)).toEqual(['TEST-0000-0021', 'TEST-0000-0020']);
    // "arbre" finds "arbres" and "arbre"; "tomber" finds "tombés"
    const trees = await manager.data<Page>(PAGE, { filter: { search: 'arbre' }, first: 100 });
    expect(new Set(trees.requests.nodes.map((r) => r.data.subject))).toEqual(
      new Set(['Deux arbres sont tombés rue Haute', 'Un arbre menace de tomber']),
    );
    const fallen = await manager.data<Page>(PAGE, { filter: { search: 'tomber -menace' }, first: 100 });
    expect(new Set(fallen.requests.nodes.map((r) => r.data.subject))).toEqual(
      new Set(['Deux arbres sont tombés rue Haute']),
    );
  });

  it('refuses pages over 100, forged cursors and bad dates, naming the field', async () => {
    for (const [variables, field] of [
      [{ first: 101 }, 'first'],
      [{ after: 'pas-un-curseur' }, 'after'],
      [{ after: Buffer.from('["2025-01-01","x"]').toString('base64url') }, 'after'],
      [{ filter: { submittedFrom: 'hier' } }, 'filter.submittedFrom'],
    ] as const) {
      const result = await manager.request(PAGE, variables);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.errors?.[0]?.extensions?.stacktrace).toBeUndefined();
    }
  });

  it('pages through tasks with filters', async () => {
    const { tasks } = await manager.data<{ tasks: { nodes: unknown[]; pageInfo: { hasNextPage: boolean } } }>(
      '{ tasks(filter: { status: "open", group: "accueil" }, first: 5) { nodes { id channel } pageInfo { hasNextPage } } }',
    );
    expect(tasks.nodes).toEqual([]);
    expect(tasks.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses over-deep and over-costly queries before running them, and malformed ones, without stack traces', async () => {
    // given
    const deep = `{ __type(name: "Task") { ${'ofType { '.repeat(16)}name${' }'.repeat(16)} } }`;
    const costly = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: requests(first: 100) { nodes { timeline { kind payload hash } } }`).join(' ')} }`;
    // when / then
    for (const [query, code] of [
      [deep, 'QUERY_TOO_DEEP'],
      [costly, 'QUERY_TOO_COSTLY'],
      ['{ requests(first: 10) { nodes { nope } } }', 'GRAPHQL_VALIDATION_FAILED'],
      ['{ requests(', 'GRAPHQL_PARSE_FAILED'],
    ] as const) {
      const result = await manager.request(query);
      expect(result.data ?? undefined).toBeUndefined();
      expect(result.errors?.map((e) => e.extensions?.code)).toContain(code);
      expect(JSON.stringify(result)).not.toMatch(/at .*\.ts:\d+/);
    }
    // and the standard introspection query of tools still passes in development
    expect((await manager.request(getIntrospectionQuery())).errors).toBeUndefined();
  });

  it('refuses a tracking code without its e-mail like an unknown one, and logs the attempt', async () => {
    // given an API whose log we read
    const lines: string[] = [];
    const app = await createApiApp(
      { sql: parvis.sql, temporal: parvis.temporal, publicUrl: 'http://parvis.test' },
      { log: (line) => lines.push(line) },
    );
    const server = createServer(app);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as { port: number };
    // when someone tries a real code with another e-mail
    const result = await new GraphqlClient(`http://127.0.0.1:${port}/graphql`).request(
      '{ request(trackingCode: "TEST-0000-0001", email: "intrus@example.fr") { status } }',
    );
    await new Promise<void>((done) => server.close(() => done()));
    // then it is refused, and written down
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(lines.some((line) => line.includes('TEST-0000-0001'))).toBe(true);
  });

  it('turns introspection off in production', async () => {
    // given the API started in production mode
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    const app = await createApiApp(
      { sql: parvis.sql, temporal: parvis.temporal, publicUrl: 'http://parvis.test' },
      { log: () => {} },
    );
    process.env.NODE_ENV = previous;
    const server = createServer(app);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as { port: number };
    // when a client asks for the schema
    const result = await new GraphqlClient(`http://127.0.0.1:${port}/graphql`).request(
      '{ __schema { types { name } } }',
    );
    await new Promise<void>((done) => server.close(() => done()));
    // then it is refused
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApiApp, createHttpServer, type ServerOptions } from '@parvis/graphql';
import { getIntrospectionQuery } from 'graphql';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownApis } from '../support/own-api.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';
import { startTcpProxy } from '../support/tcp-proxy.ts';

// Issue 18's probes, each as the attacker or the bad luck sent it, against the API as it runs.

interface ErrorBody {
  errors: { message: string; extensions: Record<string, unknown> }[];
}

const aliases = (count: number, field: string) => Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join('\n');

describe('API hardening: costs, errors, PostgreSQL away, the mailbox, headers', () => {
  let parvis: RunningParvis;
  const logged: string[] = [];
  const apis = ownApis(
    () => parvis,
    (line) => logged.push(line),
  );
  const post = (url: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const graphql = (url: string, query: string, headers: Record<string, string> = {}) =>
    post(url, JSON.stringify({ query }), headers);
  /** The answer's error, checked to be the API's JSON shape without any trace of the server's code. */
  async function errorOf(response: Response) {
    const text = await response.text();
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(text).not.toMatch(/\n\s+at |node_modules|\/work\/|\.ts:\d/);
    return (JSON.parse(text) as ErrorBody).errors[0]!;
  }

  beforeAll(async () => {
    parvis = await startParvis({ log: (line) => logged.push(line) });
  });
  afterAll(async () => {
    await apis.stop();
    await parvis?.stop();
  });

  it('refuses a negative or oversized page size, even under @skip, before anything runs', async () => {
    // given an anonymous client
    // when it asks for a page of -2,000,000,000 requests, skipped, beside a cheap field
    const skipped = await graphql(
      parvis.url,
      `{ z: requests(first: -2000000000) @skip(if: true) { nodes { trackingCode } } a: procedures(municipality: "demo") { key } }`,
    );
    // then the operation is refused, naming the argument
    expect(skipped.status).toBe(400);
    const error = await errorOf(skipped);
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain('first doit être entre 1 et 100 (reçu -2000000000)');
    // and a page of 101 too
    const oversized = await errorOf(await graphql(parvis.url, '{ requests(first: 101) { nodes { trackingCode } } }'));
    expect(oversized.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('caps aliases and counts heavy resolvers and introspection', async () => {
    // when an anonymous client repeats a list under 31 aliases
    const many = await errorOf(
      await graphql(parvis.url, `{ ${aliases(31, 'procedures(municipality: "demo") { key }')} }`),
    );
    // then it is refused for its aliases
    expect(many.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', aliases: 31, maxAliases: 30 });
    // and 25 dashboards weigh more than the limit (each is far heavier than a row)
    const dashboards = await errorOf(await graphql(parvis.url, `{ ${aliases(25, 'dashboard { backlog { open } }')} }`));
    expect(dashboards.extensions.code).toBe('QUERY_TOO_COSTLY');
    expect(Number(dashboards.extensions.cost)).toBeGreaterThan(20_000);
    // and 30 introspections of the schema too
    const schemas = await errorOf(
      await graphql(parvis.url, `{ ${aliases(30, '__schema { types { name fields { name } } }')} }`),
    );
    expect(schemas.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', cost: 30_000 });
    // while the standard introspection query a tool sends is still answered (outside production)
    const introspection = await graphql(parvis.url, getIntrospectionQuery());
    expect(introspection.status).toBe(200);
    expect(((await introspection.json()) as { data: { __schema: unknown } }).data.__schema).toBeTruthy();
  });

  it('spends a client’s rate limit by the cost of what it asks, not by the number of requests', async () => {
    // given an API allowing a burst of 8 tokens, refilled one a minute
    const url = await apis.start({ rateLimit: { burst: 8, perSecond: 1 / 60 }, trustProxy: 'loopback' });
    const from = (address: string) => ({ 'x-forwarded-for': address });
    const costly = `{ ${aliases(25, 'procedures(municipality: "demo") { key title }')} }`; // 25 lists of 20: 500 points
    // when a client sends a costly operation (1 token at the door, 5 for its cost), then another
    expect((await graphql(url, costly, from('203.0.113.9'))).status).toBe(200);
    const refused = await graphql(url, costly, from('203.0.113.9'));
    // then the second is refused with Retry-After, though the client sent only two requests
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await errorOf(refused)).extensions.code).toBe('RATE_LIMITED');
    // while cheap operations still pass for it, and costly ones for another client
    expect((await graphql(url, '{ __typename }', from('203.0.113.9'))).status).toBe(200);
    expect((await graphql(url, costly, from('203.0.113.10'))).status).toBe(200);
  });

  it('answers malformed, oversized and undecodable requests in JSON, never with a stack', async () => {
    // malformed JSON
    const malformed = await post(parvis.url, '{"query": "{ __typename }"');
    expect(malformed.status).toBe(400);
    expect((await errorOf(malformed)).extensions.code).toBe('BAD_REQUEST');
    // a body over the limit (a large model is 5 MB at most)
    const large = await post(parvis.url, JSON.stringify({ query: '{ __typename }', pad: 'x'.repeat(6 * 1024 * 1024) }));
    expect(large.status).toBe(413);
    const tooLarge = await errorOf(large);
    expect(tooLarge.extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(tooLarge.message).toContain('5 Mo au plus');
    // a body of 2 MB (a procedure with many forms) is taken
    expect(
      (await post(parvis.url, JSON.stringify({ query: '{ __typename }', pad: 'x'.repeat(2 * 1024 * 1024) }))).status,
    ).toBe(200);
    // a path that cannot be decoded
    const undecodable = await fetch(`${parvis.url}/files/%E0%A4%A`);
    expect(undecodable.status).toBe(400);
    expect((await errorOf(undecodable)).extensions.code).toBe('BAD_REQUEST');
    // an API path that does not exist
    const unknown = await fetch(`${parvis.url}/intake/nothing-here`);
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).extensions.code).toBe('NOT_FOUND');
  });

  it('answers 503 with Retry-After within seconds while PostgreSQL is frozen or down, and recovers', async () => {
    // given an API that reaches PostgreSQL through a link the test controls
    const options = parvis.sql.options;
    const link = await startTcpProxy({ host: options.host[0]!, port: options.port[0]! });
    const sql = postgres({
      host: '127.0.0.1',
      port: link.port,
      database: options.database,
      user: options.user,
      pass: typeof options.pass === 'string' ? options.pass : undefined,
      connect_timeout: 2,
      onnotice: () => {},
    });
    const app = await createApiApp({ sql, temporal: parvis.temporal, publicUrl: 'http://parvis.test' }, {
      log: (line) => logged.push(line),
      databaseWaitMs: 2_000,
    } satisfies ServerOptions);
    const server: Server = createHttpServer(app);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const catalogue = '{ procedures(municipality: "demo") { key } }';
    try {
      expect((await graphql(url, catalogue)).status).toBe(200);

      // when PostgreSQL freezes: it accepts and answers nothing
      link.freeze();
      const started = Date.now();
      const frozen = await graphql(url, catalogue);
      // then the client hears within seconds that it should come back
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(frozen.status).toBe(503);
      expect(frozen.headers.get('retry-after')).toBe('5');
      expect(await errorOf(frozen)).toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
      link.thaw();

      // when PostgreSQL is down: connections refused
      await link.cut();
      const down = await graphql(url, catalogue);
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('5');
      expect((await errorOf(down)).message).toContain('réessayez dans 5 s');
      // the same for a signed-in person (their session is read before anything else)
      const withSession = await graphql(url, '{ me { id } }', { cookie: 'parvis_session=whatever' });
      expect(withSession.status).toBe(503);

      // when it is back, the API answers again
      await link.restore();
      await expect.poll(async () => (await graphql(url, catalogue)).status, { timeout: 15_000 }).toBe(200);
    } finally {
      await new Promise((done) => server.close(done));
      await sql.end({ timeout: 1 });
      await link.stop();
    }
  });

  it('shows the development mailbox only to this machine, and never in production', async () => {
    const mailbox: ServerOptions['mailbox'] = () => [{ to: ['someone@example.org'], subject: 'Lien de connexion' }];
    const url = await apis.start({ mailbox, trustProxy: 'loopback' });
    // a browser on this machine reads it
    expect((await fetch(`${url}/dev/mailbox`)).status).toBe(200);
    // a request relayed by a proxy (from the network) does not
    const relayed = await fetch(`${url}/dev/mailbox`, { headers: { 'x-forwarded-for': '198.51.100.20' } });
    expect(relayed.status).toBe(404);
    // and in production it is not there at all
    const environment = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      const production = await apis.start({ mailbox });
      expect((await fetch(`${production}/dev/mailbox`)).status).toBe(404);
    } finally {
      process.env.NODE_ENV = environment;
    }
  });

  it('sends security headers, and warns when an HTTPS address has no trusted proxy', async () => {
    // an API answer
    const api = await graphql(parvis.url, '{ __typename }');
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('x-frame-options')).toBe('DENY');
    expect(api.headers.get('referrer-policy')).toBe('same-origin');
    // an HTTPS installation without TRUST_PROXY is told at start
    const { sql, temporal } = parvis;
    const warnings: string[] = [];
    const app = await createApiApp(
      { sql, temporal, publicUrl: 'https://demarches.ville.test' },
      { log: (line) => warnings.push(line) },
    );
    expect(warnings.join('\n')).toContain('PUBLIC_URL is https but TRUST_PROXY is unset');
    // and behind its TLS proxy (which the API cannot tell from plain HTTP) session cookies are Secure all the same
    const server = createHttpServer(app);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const agent = await graphql(
        url,
        'mutation { signIn(municipality: "demo", email: "accueil@demoville.fr", password: "demo-accueil") { id } }',
      );
      expect(agent.headers.get('set-cookie')).toMatch(/^parvis_session=[^;]+;.*; Secure/);
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});

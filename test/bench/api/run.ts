// `npm run bench:api`: the API's speed on a large data set, over HTTP. It prints figures and
// asserts nothing.
//
// Seeds BENCH_REQUESTS requests (default 1,000,000) with three timeline events each across
// BENCH_MUNICIPALITIES municipalities (default 50), one task per request (the tenth still open),
// then runs the API alone (`start:api`, NODE_ENV=production) and measures, as an agent of one
// municipality: the inbox, a page of tasks, a request's detail (a random code each time), a
// full-text search, the summary metrics and the dashboard — with autocannon (10 connections,
// BENCH_SECONDS each, default 10) and with one client asking in turn (p50, p95 over 200 calls);
// then the request list: the first page of each filter and sort (request-list.ts), as a manager
// and as an agent, and the export of 10,000 rows as CSV and ODS.
// DATABASE_URL names the PostgreSQL server (else an embedded one).

import { performance } from 'node:perf_hooks';
import { freePort, migrate, provideTemporal } from '@parvis/scripts';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { testDatabase } from '../../support/database.ts';
import { startNodeProcess } from '../../support/processes.ts';
import { measureRequestList } from './request-list.ts';
import { AGENT_PASSWORD, agentEmail, benchTrackingCode, municipalityId, seedBench } from './seed.ts';

const SIZE = {
  municipalities: Number(process.env.BENCH_MUNICIPALITIES ?? 50),
  requests: Number(process.env.BENCH_REQUESTS ?? 1_000_000),
  eventsPerRequest: 3,
};
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PER_MUNICIPALITY = Math.floor(SIZE.requests / SIZE.municipalities);

const randomCode = () => benchTrackingCode(1, 1 + Math.floor(Math.random() * PER_MUNICIPALITY));

/** The operations measured: a name and a body maker (fresh variables per call). */
const OPERATIONS: [string, () => { query: string; variables?: Record<string, unknown> }][] = [
  [
    'inbox (up to 200 open tasks)',
    () => ({
      query:
        '{ inbox: workQueue(filter: { scope: AVAILABLE }, first: 200) { id name channel openedAt request { trackingCode status } } }',
    }),
  ],
  [
    'tasks page (20 open)',
    () => ({
      query:
        '{ tasks(filter: { status: "open" }, first: 20) { nodes { id name channel request { trackingCode } } pageInfo { endCursor } } }',
    }),
  ],
  [
    'request detail with timeline',
    () => ({
      query:
        'query ($c: String!) { request(trackingCode: $c) { trackingCode status channel data submittedAt timeline { kind occurredAt hash } } }',
      variables: { c: randomCode() },
    }),
  ],
  [
    'full-text search (20)',
    () => ({ query: '{ requests(filter: { search: "arbre tombé" }, first: 20) { nodes { trackingCode } } }' }),
  ],
  [
    'metrics (30 days)',
    () => ({
      query: '{ metrics { submitted closed open breached onTimeRate medianHoursToClose byChannel { channel count } } }',
    }),
  ],
  [
    'dashboard (30 days)',
    () => ({
      query:
        '{ dashboard { submitted byChannel { key count } closed { medianHours slaCompliance } backlog { open } } }',
    }),
  ],
];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main() {
  const log = (line: string) => console.log(line);
  const temporal = await provideTemporal();
  const database = await testDatabase();
  const sql = postgres(database.url, { onnotice: () => {}, max: 4 });
  const port = await freePort();
  let api: ReturnType<typeof startNodeProcess> | undefined;
  try {
    await migrate(sql);
    log(
      `seeding ${SIZE.requests} requests, ${SIZE.requests * SIZE.eventsPerRequest} timeline events, ${SIZE.municipalities} municipalities…`,
    );
    const seeding = performance.now();
    await seedBench(sql, SIZE, SIZE.municipalities > 10 ? () => {} : log);
    const [counts] = await sql`select (select count(*) from requests)::int as requests,
      (select count(*) from timeline_events)::int as events, (select count(*) from tasks where status = 'open')::int as open_tasks,
      pg_size_pretty(pg_database_size(current_database())) as size`;
    log(`seeded in ${((performance.now() - seeding) / 1000).toFixed(0)} s: ${JSON.stringify(counts)}`);

    api = startNodeProcess(
      'scripts/src/start-api.ts',
      {
        TEMPORAL_ADDRESS: temporal.address,
        DATABASE_URL: database.url,
        PORT: String(port),
        NODE_ENV: 'production',
        // One benchmark client stands for many agents: the per-client limit would refuse it.
        RATE_LIMIT_PER_SECOND: '0',
      },
      'API listening',
    );
    await api.ready;
    const url = `http://127.0.0.1:${port}/graphql`;
    const signIn = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation { signIn(municipality: "${municipalityId(1)}", email: "${agentEmail(1)}", password: "${AGENT_PASSWORD}") { id } }`,
      }),
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const headers = { 'content-type': 'application/json', cookie };

    log(
      `\n${'operation'.padEnd(32)} ${'1 client p50'.padStart(12)} ${'p95'.padStart(8)} | ${'10 conn. req/s'.padStart(14)} ${'p50'.padStart(6)} ${'p97.5'.padStart(6)} ${'p99'.padStart(6)}`,
    );
    for (const [name, body] of OPERATIONS) {
      const probe = (await (await fetch(url, { method: 'POST', headers, body: JSON.stringify(body()) })).json()) as {
        errors?: unknown[];
      };
      if (probe.errors) {
        log(`${name.padEnd(32)} refused: ${JSON.stringify(probe.errors).slice(0, 200)}`);
        continue;
      }
      const times: number[] = [];
      for (let i = 0; i < 200; i++) {
        const started = performance.now();
        await (await fetch(url, { method: 'POST', headers, body: JSON.stringify(body()) })).text();
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const load = await autocannon({
        url,
        method: 'POST',
        headers,
        connections: 10,
        duration: SECONDS,
        requests: [{ method: 'POST', setupRequest: (request) => ({ ...request, body: JSON.stringify(body()) }) }],
      });
      const ms = (value: number) => `${value.toFixed(1)}`.padStart(6);
      log(
        `${name.padEnd(32)} ${`${percentile(times, 50).toFixed(1)} ms`.padStart(12)} ${`${percentile(times, 95).toFixed(1)} ms`.padStart(8)} | ${load.requests.average.toFixed(0).padStart(14)} ${ms(load.latency.p50)} ${ms(load.latency.p97_5)} ${ms(load.latency.p99)}${load.non2xx || load.errors ? `  (${load.non2xx} non-2xx, ${load.errors} errors)` : ''}`,
      );
    }
    await measureRequestList({ url: `http://127.0.0.1:${port}`, cookie, perMunicipality: PER_MUNICIPALITY, log });
  } finally {
    await api?.stop();
    await sql.end({ timeout: 5 });
    await database.drop();
    await temporal.stop();
  }
}

await main();

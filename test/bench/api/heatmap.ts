// `npm run bench:heatmap`: the heatmap of where requests wait (issue 21, point 3) over the API
// benchmark's data set (seed.ts: BENCH_REQUESTS requests, default 1,000,000, across
// BENCH_MUNICIPALITIES towns, one task each). Asks `waitingHeatmap` for the shipped `contact`
// procedure over 90 days, over HTTP, as each town's manager in turn: p50 and p95 over CALLS calls
// (the aim: p95 under 500 ms); then one PostgreSQL plan of the elements' query. Prints figures,
// asserts nothing.

import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { freePort, migrate, provideTemporal } from '@parvis/scripts';
import postgres from 'postgres';
import { testDatabase } from '../../support/database.ts';
import { startNodeProcess } from '../../support/processes.ts';
import { AGENT_PASSWORD, agentEmail, municipalityId, seedBench } from './seed.ts';

const SIZE = {
  municipalities: Number(process.env.BENCH_MUNICIPALITIES ?? 50),
  requests: Number(process.env.BENCH_REQUESTS ?? 1_000_000),
  eventsPerRequest: 3,
};
const CALLS = Number(process.env.BENCH_HEATMAP_CALLS ?? 200);
/** Towns asked in turn: each one's cache is cold the first time. */
const TOWNS = Math.min(10, SIZE.municipalities);

const HEATMAP = `query ($from: String!, $to: String!) {
  waitingHeatmap(procedureKey: "contact", from: $from, to: $to) {
    requests elements { elementId requests waiting medianHours p90Hours deadlinesMissed }
    groups { key open completed medianHours } agents { key open completed } emptyReason
  }
}`;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

async function main() {
  const log = (line: string) => console.log(line);
  const temporal = await provideTemporal();
  const database = await testDatabase();
  const sql = postgres(database.url, { onnotice: () => {}, max: 4 });
  const port = await freePort();
  let api: ReturnType<typeof startNodeProcess> | undefined;
  try {
    await migrate(sql);
    log(`seeding ${SIZE.requests} requests across ${SIZE.municipalities} towns…`);
    const seeding = performance.now();
    await seedBench(sql, SIZE, () => {});
    // What autovacuum does to a live table soon after: the requests' pages marked all-visible, so an
    // index alone can answer (requests_of_version, migration 228) — the bulk seed left none so.
    await sql`vacuum (analyze) requests`;
    log(`seeded in ${((performance.now() - seeding) / 1000).toFixed(0)} s`);
    api = startNodeProcess(
      'scripts/src/start-api.ts',
      {
        TEMPORAL_ADDRESS: temporal.address,
        DATABASE_URL: database.url,
        PORT: String(port),
        NODE_ENV: 'production',
        RATE_LIMIT_PER_SECOND: '0',
      },
      'API listening',
    );
    await api.ready;
    const url = `http://127.0.0.1:${port}/graphql`;
    const cookies: string[] = [];
    for (let index = 1; index <= TOWNS; index++) {
      const signIn = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `mutation { signIn(municipality: "${municipalityId(index)}", email: "${agentEmail(index)}", password: "${AGENT_PASSWORD}") { id } }`,
        }),
      });
      cookies.push(signIn.headers.get('set-cookie')!.split(';')[0]!);
    }
    const ask = async (cookie: string, variables: Record<string, string>) =>
      (await (
        await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ query: HEATMAP, variables }),
        })
      ).json()) as { data?: { waitingHeatmap: { requests: number; elements: unknown[] } }; errors?: unknown[] };

    const ninetyDays = { from: day(89), to: day(0) };
    const probe = await ask(cookies[0]!, ninetyDays);
    if (probe.errors) throw new Error(`heatmap refused: ${JSON.stringify(probe.errors)}`);
    log(`heatmap of ${municipalityId(1)}, 90 days: ${JSON.stringify(probe.data!.waitingHeatmap).slice(0, 300)}`);
    const times: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const started = performance.now();
      await ask(cookies[i % TOWNS]!, ninetyDays);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    log(
      `waitingHeatmap, 90 days, ${CALLS} calls over ${TOWNS} towns (one client): p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms`,
    );
    const empty = await ask(cookies[0]!, { from: day(400), to: day(380) });
    log(`a period with no data answers: ${JSON.stringify(empty.data ?? empty.errors).slice(0, 300)}`);

    // The elements' query as the API runs it, sealed to one town: its plan and time.
    const plan = await sql.begin(async (tx) => {
      await tx`select set_config('role', 'parvis_api', true), set_config('parvis.municipality', ${municipalityId(1)}, true)`;
      const [version] = await tx<
        { id: string }[]
      >`select id from procedure_versions where procedure_key = 'contact' order by version desc limit 1`;
      return tx.unsafe(
        `explain (analyze, buffers) select t.element_id, count(distinct t.request_id)
           from tasks t
           where t.opened_at >= now() - interval '90 days'
             and t.request_id in (select r.id from requests r where r.procedure_version_id = $1)
           group by t.element_id`,
        [version!.id],
      );
    });
    log(plan.map((row) => Object.values(row)[0]).join('\n'));
    log(
      `load average (1, 5, 15 min): ${loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')}`,
    );
  } finally {
    await api?.stop();
    await sql.end({ timeout: 5 });
    await database.drop();
    await temporal.stop();
  }
}

await main();

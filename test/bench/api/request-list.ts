// The request list's part of `npm run bench:api`: the first page (50 rows, as the portal asks) of
// each filter and sort, p50 and p95 over CALLS calls of one client (the aim: p95 under 100 ms), as
// the municipality's manager (the whole town) and as an agent of its group (the request-access
// rule); then the export of 10,000 rows as CSV and ODS, timed whole (the aim: under 5 s).

import { performance } from 'node:perf_hooks';
import { AGENT_PASSWORD, BENCH_PLACE, benchTrackingCode, caseworkerEmail, municipalityId } from './seed.ts';

const CALLS = Number(process.env.BENCH_LIST_CALLS ?? 100);
const EXPORT_ROWS = 10_000;

const LIST = `query ($filter: RequestFilter, $sort: RequestSort) {
  requests(filter: $filter, sort: $sort, first: 50) {
    nodes { trackingCode procedureKey procedureTitle channel status submittedAt closedAt dueAt slaState heldBy }
    pageInfo { endCursor hasNextPage }
  }
}`;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export async function measureRequestList(options: {
  url: string;
  /** the manager's session */
  cookie: string;
  perMunicipality: number;
  log: (line: string) => void;
}): Promise<void> {
  const { url, log } = options;
  const graphql = `${url}/graphql`;
  const ask = async (cookie: string, body: unknown) =>
    (await fetch(graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(body),
    }).then((r) => r.json())) as { data?: Record<string, unknown>; errors?: unknown[] };

  const signIn = await fetch(graphql, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `mutation { signIn(municipality: "${municipalityId(1)}", email: "${caseworkerEmail(1)}", password: "${AGENT_PASSWORD}") { id } }`,
    }),
  });
  const agentCookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  const me = (await ask(options.cookie, { query: '{ me { id } }' })).data!.me as { id: string };

  const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const randomCode = () => benchTrackingCode(1, 1 + Math.floor(Math.random() * options.perMunicipality));
  const cases: [string, () => { filter?: Record<string, unknown>; sort?: string }][] = [
    ['no filter, newest first', () => ({})],
    ['status: closed', () => ({ filter: { status: 'closed' } })],
    ['open ones', () => ({ filter: { open: true } })],
    ['procedure', () => ({ filter: { procedure: 'contact' } })],
    ['channel: post', () => ({ filter: { channel: 'post' } })],
    ['group', () => ({ filter: { group: 'accueil' } })],
    ['service', () => ({ filter: { service: 'accueil' } })],
    ['submitted, last 7 days', () => ({ filter: { submittedFrom: day(7), submittedTo: day(-1) } })],
    ['deadline: late', () => ({ filter: { deadline: 'breached' } })],
    ['deadline: at risk, open', () => ({ filter: { deadline: 'atRisk', open: true } })],
    ['assigned agent', () => ({ filter: { assignee: me.id } })],
    ['near a point (200 m)', () => ({ filter: { near: { ...BENCH_PLACE, radius: 200 } } })],
    [
      'box on the map',
      () => ({
        filter: {
          within: {
            south: BENCH_PLACE.latitude - 0.001,
            west: BENCH_PLACE.longitude - 0.001,
            north: BENCH_PLACE.latitude + 0.001,
            east: BENCH_PLACE.longitude + 0.001,
          },
        },
      }),
    ],
    ['words ("arbre tombé")', () => ({ filter: { search: 'arbre tombé' } })],
    ['words, rare ("naissance 4242")', () => ({ filter: { search: 'naissance 4242' } })],
    ['a tracking code', () => ({ filter: { search: randomCode() } })],
    ['late, post, words', () => ({ filter: { deadline: 'breached', channel: 'post', search: 'stationnement' } })],
    ['sort: nearest deadline', () => ({ sort: 'DEADLINE_FIRST' })],
    ['sort: latest closed', () => ({ sort: 'RECENTLY_CLOSED' })],
    ['sort: oldest first, closed', () => ({ filter: { status: 'closed' }, sort: 'OLDEST_FIRST' })],
  ];

  log(`\nrequest list, first page of 50 (${CALLS} calls, one client): p50 / p95 ms, rows`);
  log(`${'filter'.padEnd(34)} ${'manager'.padStart(18)} ${'agent (access rule)'.padStart(24)}`);
  for (const [name, variables] of cases) {
    const cells: string[] = [];
    for (const cookie of [options.cookie, agentCookie]) {
      const probe = await ask(cookie, { query: LIST, variables: variables() });
      if (probe.errors) {
        cells.push(`refused: ${JSON.stringify(probe.errors).slice(0, 80)}`);
        continue;
      }
      const rows = (probe.data!.requests as { nodes: unknown[] }).nodes.length;
      const times: number[] = [];
      for (let i = 0; i < CALLS; i++) {
        const started = performance.now();
        await ask(cookie, { query: LIST, variables: variables() });
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      cells.push(`${percentile(times, 50).toFixed(1)} / ${percentile(times, 95).toFixed(1)} (${rows})`);
    }
    log(`${name.padEnd(34)} ${cells[0]!.padStart(18)} ${cells[1]!.padStart(24)}`);
  }

  // Submitted every 2 minutes: the last 10,000 span 20,000 minutes (seed.ts).
  const from = new Date(Date.now() - (EXPORT_ROWS * 2 + 1) * 60_000).toISOString();
  const filter = encodeURIComponent(JSON.stringify({ submittedFrom: from }));
  log(`\nexport of the last ${EXPORT_ROWS} requests (manager), 3 runs each:`);
  for (const format of ['csv', 'ods'] as const) {
    const runs: string[] = [];
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      const response = await fetch(`${url}/exports/requests.${format}?filter=${filter}`, {
        headers: { cookie: options.cookie },
      });
      const bytes = Buffer.from(await response.arrayBuffer());
      const ms = performance.now() - started;
      const rows = format === 'csv' ? bytes.toString('utf8').trimEnd().split('\r\n').length - 1 : undefined;
      runs.push(
        `${(ms / 1000).toFixed(2)} s (${response.status}, ${(bytes.length / 1024).toFixed(0)} kB${rows === undefined ? '' : `, ${rows} rows`})`,
      );
    }
    log(`  ${format}: ${runs.join('; ')}`);
  }
}

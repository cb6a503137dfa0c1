// `npm run bench:lifecycle`: how fast requests go from submission to an agent's inbox, end to end,
// on real Temporal, PostgreSQL and SMTP, with the API and the worker in processes of their own.
// It prints figures and asserts nothing.
//
//   (a) requests per second end to end: submitRequest over GraphQL until the acknowledgement is in
//       the mailbox and the task is in the inbox (PostgreSQL `tasks`, what `inbox` reads), counting
//       completed requests;
//   (b) the same with the workflow started directly, against a hand-written workflow
//       (bare-workflow.ts) running the same activities: the ratio is the cost of interpreting;
//   (c) CPU seconds per completed request across the Temporal server, PostgreSQL backends, worker
//       and API (/proc utime + stime before and after);
//   (d) latency from submit to task visible at a steady 20 requests/s for 30 s (p50, p99), and
//       the same at the aim's 50 requests/s: completed per second over the phase, and latency;
//   (e) the floor: workflows that do nothing, to tell what Temporal and its SDK alone cost here.
//
// Settings: BENCH_REQUESTS (default 400) per throughput phase; BENCH_CONCURRENCY (default 100)
// requests in flight; BENCH_STEADY_SECONDS (default 30); BENCH_TARGET_RATE (default 50);
// BENCH_TEMPORAL=file keeps the Temporal dev server's state in a SQLite file as `npm start` does
// (default: in memory, closer to a real Temporal cluster); BENCH_TEMPORAL=cluster runs the real
// Temporal server instead, its four services in processes of their own on PostgreSQL, as
// `npm run start:cluster` does (DATABASE_URL required: its databases are made on that server);
// BENCH_PROFILE_DIR writes a V8 CPU profile of the worker there; DATABASE_URL names the
// PostgreSQL server (else an embedded one).

import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clusterOf, freePort, migrate, provideSmtp, provideTemporal, TEMPORAL_SERVICES } from '@parvis/scripts';
import { seedDemo } from '@parvis/scripts/seed';
import { openPayloadEncryption, tuningInterceptor } from '@parvis/workers';
import { Client, Connection, type Payload } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import postgres from 'postgres';
import { mapLimit } from '../../support/contact-requests.ts';
import { testDatabase } from '../../support/database.ts';
import { GraphqlClient } from '../../support/graphql-client.ts';
import { testMasterKeys } from '../../support/master-key.ts';
import { killStartedProcesses, startNodeProcess, startWorkerProcess } from '../../support/processes.ts';
import { dropTemporalDatabases, freshClusterSettings } from '../../support/temporal-cluster.ts';
import { BARE_TASK_QUEUE } from './bare-worker.ts';
import type { BareContactInput } from './bare-workflow.ts';
import { type CpuGroup, childrenNamed, snapshot, spent } from './cpu.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 100);
const STEADY_RATE = 20;
const TARGET_RATE = Number(process.env.BENCH_TARGET_RATE ?? 50);
const STEADY_SECONDS = Number(process.env.BENCH_STEADY_SECONDS ?? 30);
const TEMPORAL = process.env.BENCH_TEMPORAL ?? 'memory';
if (!['memory', 'file', 'cluster'].includes(TEMPORAL))
  throw new Error(`BENCH_TEMPORAL=${TEMPORAL}: memory, file or cluster`);
if (TEMPORAL === 'cluster' && !process.env.DATABASE_URL)
  throw new Error('BENCH_TEMPORAL=cluster needs DATABASE_URL: the PostgreSQL server Temporal stores its state on');
const SUBMIT = `mutation ($data: JSON!) { submitRequest(municipality: "demo", procedure: "contact", data: $data) { trackingCode } }`;
const SIGN_IN = `mutation { signIn(municipality: "demo", email: "accueil@demoville.fr", password: "demo-accueil") { displayName } }`;
const INBOX = `{ inbox: workQueue(filter: { scope: AVAILABLE }, first: 200) { id request { trackingCode } } }`;
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** When each request was sent, acknowledged (mail in the sink) and visible (task row), by citizen e-mail. */
class Progress {
  readonly sent = new Map<string, number>();
  /** when the submission's answer came back (the request's row written and its workflow started) */
  readonly answered = new Map<string, number>();
  readonly acknowledged = new Map<string, number>();
  readonly visible = new Map<string, number>();
  readonly failed = new Map<string, string>();

  doneAt(email: string): number | undefined {
    const ack = this.acknowledged.get(email);
    const task = this.visible.get(email);
    return ack !== undefined && task !== undefined ? Math.max(ack, task) : undefined;
  }
}

let lastBareWorkflow = '';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function main() {
  const line = (text = '') => console.log(text);
  line(`Parvis lifecycle benchmark — ${REQUESTS} requests per throughput phase, ${CONCURRENCY} in flight`);
  const temporalStore = {
    memory: 'Temporal dev server, state in memory',
    file: 'Temporal dev server, state in a SQLite file (as npm start)',
    cluster: "Temporal server's four services on PostgreSQL (as npm run start:cluster)",
  }[TEMPORAL];
  line(`${temporalStore}; PostgreSQL ${process.env.DATABASE_URL ? 'at DATABASE_URL' : 'embedded'}`);
  line(
    `load average before: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (other processes share these 2 cores)`,
  );
  const database = await testDatabase();
  // No array parameters here: postgres.js fetches array types on first use, and concurrent first
  // uses were seen to hang the driver for good.
  const sql = postgres(database.url, {
    onnotice: () => {},
    max: 4,
    fetch_types: false,
    connection: { application_name: 'bench-driver' },
  });
  const progress = new Progress();
  // The sink counts each message as it arrives without parsing it: the driver shares the 2 cores.
  const smtp = await provideSmtp({
    onEnvelope: (to) => {
      for (const address of to) if (progress.sent.has(address)) progress.acknowledged.set(address, performance.now());
    },
  });
  const temporalService = await benchTemporal(database.url, smtp.url, line);
  // Ctrl-C: stop what this run started rather than leave it running.
  process.once('SIGINT', () => {
    void Promise.allSettled([killStartedProcesses(), temporalService.stop(), database.drop()]).then(() =>
      process.exit(130),
    );
  });
  let polling = true;
  const stops: (() => Promise<unknown>)[] = [];
  try {
    const owner = postgres(database.url, { onnotice: () => {}, max: 1 });
    await migrate(owner);
    await seedDemo(owner);
    await owner.end();
    const env = { temporalAddress: temporalService.address, databaseUrl: database.url, smtpUrl: smtp.url };
    const apiPort = await freePort();
    const api = startNodeProcess(
      'scripts/src/start-api.ts',
      {
        TEMPORAL_ADDRESS: env.temporalAddress,
        DATABASE_URL: env.databaseUrl,
        SMTP_URL: env.smtpUrl,
        PORT: String(apiPort),
        PUBLIC_URL: 'http://parvis.test',
        // One benchmark client stands for many citizens: the per-client limit would refuse it.
        RATE_LIMIT_PER_SECOND: '0',
      },
      'API listening',
    );
    const bare = startNodeProcess(
      'test/bench/lifecycle/bare-worker.ts',
      { TEMPORAL_ADDRESS: env.temporalAddress, DATABASE_URL: env.databaseUrl, SMTP_URL: env.smtpUrl },
      'bare worker running',
    );
    // BENCH_PROFILE_DIR: the worker writes a V8 CPU profile there when it stops.
    const profileDir = process.env.BENCH_PROFILE_DIR;
    const worker = await startWorkerProcess({
      ...env,
      ...(profileDir ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] } : {}),
    });
    stops.push(() => worker.stop());
    await Promise.all([api.ready, bare.ready]);
    const connection = await Connection.connect({ address: temporalService.address });
    stops.push(() => connection.close());
    const encryption = await openPayloadEncryption(database.url, { ...testMasterKeys(), ...process.env });
    stops.push(() => encryption.close());
    const temporal = new Client({
      connection,
      dataConverter: { payloadCodecs: [encryption.codec] },
      interceptors: { workflow: [tuningInterceptor()] },
    });
    const graphql = () => new GraphqlClient(`http://127.0.0.1:${apiPort}/graphql`);
    const agent = graphql();
    await agent.data(SIGN_IN);

    // A task is visible when the transaction that writes its row commits: PostgreSQL announces it
    // then on `parvis_changes` (what the live inbox listens to). The driver listens too, and looks
    // the announced requests up by primary key in batches, rather than polling the tables.
    const announced = new Map<string, number>();
    const listener = postgres(database.url, {
      onnotice: () => {},
      max: 1,
      fetch_types: false,
      connection: { application_name: 'bench-driver' },
    });
    await listener.listen('parvis_changes', (payload) => {
      const change = JSON.parse(payload) as { request?: string; task?: string };
      if (change.task && change.request && !announced.has(change.request))
        announced.set(change.request, performance.now());
    });
    const poller = (async () => {
      while (polling) {
        if (announced.size > 0) {
          const batch = new Map(announced);
          announced.clear();
          const rows = await listener<{ id: string; email: string }[]>`select id, citizen_email as email
            from requests where id = any(string_to_array(${[...batch.keys()].join(' ')}, ' ')::uuid[])`;
          for (const row of rows)
            if (!progress.visible.has(row.email)) progress.visible.set(row.email, batch.get(row.id)!);
        }
        await sleep(20);
      }
      await listener.end({ timeout: 1 }).catch(() => {});
    })().catch((error: Error) => {
      console.error(`the task watcher stopped: ${error.message}`);
      process.exit(1);
    });

    /**
     * The PostgreSQL backends serving `databases`, the driver's own connections left out. The names
     * go as one string: without `fetch_types` the driver cannot send an array.
     */
    const backendsOf = async (databases: string[]) =>
      (
        await withTimeout(
          sql<{ pid: number }[]>`select pid from pg_stat_activity
            where datname = any(string_to_array(${databases.join(' ')}, ' ')) and application_name <> 'bench-driver'`,
          10_000,
        )
      ).map((r) => r.pid);
    const groups: CpuGroup[] = [
      ...temporalService.processes,
      { name: 'PostgreSQL backends', pids: () => backendsOf([new URL(database.url).pathname.slice(1)]) },
      ...(temporalService.databases.length > 0
        ? [{ name: 'PostgreSQL for Temporal', pids: () => backendsOf(temporalService.databases) }]
        : []),
      { name: 'Parvis worker', pids: async () => [worker.pid] },
      { name: 'API', pids: async () => [api.pid] },
      { name: 'hand-written worker', pids: async () => [bare.pid] },
      { name: 'benchmark driver', pids: async () => [process.pid] },
    ];

    // node:http on kept-alive connections rather than fetch: the driver shares the 2 cores with
    // what it measures, and undici's fetch took about twice its CPU per request.
    const keepAlive = new Agent({ keepAlive: true, maxSockets: 200 });
    const submitOverGraphql = (email: string) =>
      new Promise<void>((resolve, reject) => {
        const body = JSON.stringify({
          query: SUBMIT,
          variables: { data: { subject: 'Horaires', message: 'Bonjour, êtes-vous ouverts le samedi ?', email } },
        });
        const request = httpRequest(
          {
            host: '127.0.0.1',
            port: apiPort,
            path: '/graphql',
            method: 'POST',
            agent: keepAlive,
            timeout: 60_000,
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => {
              const result = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
                data?: { submitRequest?: unknown };
                errors?: unknown;
              };
              if (!result.data?.submitRequest) return reject(new Error(JSON.stringify(result.errors)));
              progress.answered.set(email, performance.now());
              resolve();
            });
            response.on('error', reject);
          },
        );
        request.on('timeout', () => request.destroy(new Error('no answer within 60 s')));
        request.on('error', reject);
        request.end(body);
      });

    /** Sends `count` requests, `CONCURRENCY` at a time, and waits until every one is done. */
    const throughput = async (label: string, count: number, send: (email: string) => Promise<void>) => {
      const emails = Array.from({ length: count }, (_, i) => `${label}-${i}@bench.example`);
      const before = await snapshot(groups);
      const startedAt = performance.now();
      await mapLimit(emails, CONCURRENCY, async (email) => {
        progress.sent.set(email, performance.now());
        // A submission that hangs counts as failed rather than holding the phase forever.
        await withTimeout(send(email), 60_000).catch((error: Error) => progress.failed.set(email, error.message));
      });
      const finishedAt = await allDone(progress, emails, 300_000);
      const after = await snapshot(groups);
      const completed = emails.filter((e) => progress.doneAt(e) !== undefined).length;
      const failure = emails.map((e) => progress.failed.get(e)).find(Boolean);
      if (failure)
        console.log(`  ${label}: ${emails.filter((e) => progress.failed.has(e)).length} failed, e.g. ${failure}`);
      const seconds = (finishedAt - startedAt) / 1000;
      return { completed, failed: count - completed, seconds, rate: completed / seconds, cpu: spent(before, after) };
    };

    // Warm-up: bundles loaded, connections open, JIT warm; also the template for direct starts.
    await throughput('warmup', 20, submitOverGraphql);
    const template = await templateRequest(sql, temporal, encryption.codec, 'warmup-0@bench.example');

    line();
    line('Throughput (completed = acknowledgement in the mailbox and task in the inbox)');
    const e2e = await throughput('graphql', REQUESTS, submitOverGraphql);
    const direct = await throughput('direct', REQUESTS, (email) =>
      startDirect(sql, temporal, template, email, 'parvis'),
    );
    const handWritten = await throughput('bare', REQUESTS, (email) =>
      startDirect(sql, temporal, template, email, 'bare'),
    );
    const temporalParts = [
      ...temporalService.processes.map((group) => group.name),
      ...(temporalService.databases.length > 0 ? ['PostgreSQL for Temporal'] : []),
    ];
    const counted = [...temporalParts, 'PostgreSQL backends', 'Parvis worker', 'API', 'hand-written worker'];
    const report = (name: string, r: Awaited<ReturnType<typeof throughput>>) => {
      line(
        `  ${name.padEnd(58)} ${r.rate.toFixed(1).padStart(6)} req/s  (${r.completed} completed, ${r.failed} not, in ${r.seconds.toFixed(1)} s)`,
      );
    };
    report('(a) Parvis end to end: GraphQL submit → ack + task', e2e);
    line(`      ${stageMedians(progress, 'graphql')}`);
    report('    Parvis request workflow, started directly', direct);
    report('(b) hand-written workflow, same activities, started directly', handWritten);
    line(
      `  ratio interpreted / hand-written (both started directly): ${(direct.rate / handWritten.rate).toFixed(2)}   (aim ≥ 0.85)`,
    );
    line(
      `  ratio end to end / hand-written:                         ${(e2e.rate / handWritten.rate).toFixed(2)}   (aim: end to end ≥ 50 req/s)`,
    );
    const [parvisSteps, bareSteps] = [
      await historyCounts(temporal, `request-${template.trackingCode}`),
      await historyCounts(temporal, lastBareWorkflow),
    ];
    line(`  until the task is open: request workflow ${parvisSteps}; hand-written ${bareSteps}`);

    line();
    line('(c) CPU seconds per completed request');
    line(
      `  ${'process'.padEnd(24)} ${'end to end'.padStart(12)} ${'direct'.padStart(12)} ${'hand-written'.padStart(12)}`,
    );
    for (const name of counted) {
      const cell = (r: Awaited<ReturnType<typeof throughput>>) =>
        ((r.cpu.get(name) ?? 0) / Math.max(1, r.completed)).toFixed(4).padStart(12);
      line(`  ${name.padEnd(24)} ${cell(e2e)} ${cell(direct)} ${cell(handWritten)}`);
    }
    const total = (r: Awaited<ReturnType<typeof throughput>>) =>
      (counted.reduce((sum, name) => sum + (r.cpu.get(name) ?? 0), 0) / Math.max(1, r.completed))
        .toFixed(4)
        .padStart(12);
    line(`  ${'total'.padEnd(24)} ${total(e2e)} ${total(direct)} ${total(handWritten)}`);
    line(
      `  (${(counted.reduce((sum, name) => sum + (e2e.cpu.get(name) ?? 0), 0) / e2e.seconds).toFixed(2)} of 2 cores busy end to end;` +
        ` the benchmark driver, its SMTP sink and its listener, not counted, ${((e2e.cpu.get('benchmark driver') ?? 0) / e2e.seconds).toFixed(2)} more)`,
    );

    line();
    /** Submits at a steady `rate` for STEADY_SECONDS, and waits for every request to be done. */
    const steady = async (rate: number) => {
      const emails = Array.from({ length: rate * STEADY_SECONDS }, (_, i) => `steady${rate}-${i}@bench.example`);
      const before = await snapshot(groups);
      const startedAt = performance.now();
      const sending: Promise<unknown>[] = [];
      for (const [i, email] of emails.entries()) {
        await sleep(Math.max(0, startedAt + (i * 1000) / rate - performance.now()));
        progress.sent.set(email, performance.now());
        sending.push(submitOverGraphql(email).catch((error: Error) => progress.failed.set(email, error.message)));
      }
      const sendSeconds = (performance.now() - startedAt) / 1000;
      await Promise.all(sending);
      const finishedAt = await allDone(progress, emails, 180_000);
      const cpu = spent(before, await snapshot(groups));
      const busy = (names: string[]) =>
        (names.reduce((sum, name) => sum + (cpu.get(name) ?? 0), 0) / ((finishedAt - startedAt) / 1000)).toFixed(2);
      const latencies = emails
        .map((e) => (progress.doneAt(e) ?? Number.NaN) - progress.sent.get(e)!)
        .filter((ms) => !Number.isNaN(ms))
        .sort((x, y) => x - y);
      const pct = (p: number) =>
        latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]!.toFixed(0);
      const completedRate = latencies.length / ((finishedAt - startedAt) / 1000);
      return {
        done: `sent ${emails.length} in ${sendSeconds.toFixed(1)} s; completed ${latencies.length}, ${completedRate.toFixed(1)} req/s from the first sent to the last done; p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${latencies.at(-1)!.toFixed(0)} ms`,
        cores: `cores busy: Temporal ${busy(temporalParts)}, PostgreSQL ${busy(['PostgreSQL backends'])}, worker ${busy(['Parvis worker'])}, API ${busy(['API'])}, benchmark driver ${busy(['benchmark driver'])}`,
      };
    };
    line(`(d) Latency from submit to task visible, ${STEADY_RATE} requests/s for ${STEADY_SECONDS} s over GraphQL`);
    const usual = await steady(STEADY_RATE);
    line(`  ${usual.done}   (aim p99 < 1000 ms)`);
    line(`  ${usual.cores}`);
    line(`  The same at ${TARGET_RATE} requests/s, the aim's rate: does it keep up?`);
    const aimed = await steady(TARGET_RATE);
    line(`  ${aimed.done}`);
    line(`  ${aimed.cores}`);
    const shown = await agent.data<{ inbox: unknown[] }>(INBOX);
    line(`  (the agent's inbox query answers with ${shown.inbox.length} tasks, its limit being 200)`);
    if (progress.failed.size > 0)
      line(`  ${progress.failed.size} submissions failed, e.g. ${[...progress.failed.values()][0]}`);
    line();
    line('(e) The floor: workflows that do nothing, started directly on the hand-written worker');
    const floor = await emptyWorkflows(temporal, REQUESTS, groups);
    const floorCpu = (names: string[]) => names.reduce((sum, name) => sum + (floor.cpu.get(name) ?? 0), 0) / REQUESTS;
    const [temporalFloor, workerFloor] = [floorCpu(temporalParts), floorCpu(['hand-written worker'])];
    line(
      `  ${(REQUESTS / floor.seconds).toFixed(1)} workflows/s; CPU s per workflow: Temporal ${temporalFloor.toFixed(4)}, worker ${workerFloor.toFixed(4)}`,
    );
    line(
      `  at most ${(2 / (temporalFloor + workerFloor)).toFixed(0)} workflows/s on 2 cores before any activity, database or API work`,
    );

    line(
      `load average after: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    polling = false;
    await poller;
  } finally {
    polling = false;
    for (const stop of stops) await stop().catch(() => {});
    await killStartedProcesses();
    await sql.end({ timeout: 5 }).catch(() => {});
    await smtp.stop();
    await database.drop().catch(() => {});
    await temporalService.stop();
  }
}

interface BenchTemporal {
  address: string;
  /** Its processes, whose CPU time is counted as Temporal's: the dev server, or each service */
  processes: CpuGroup[];
  /** Its databases on PostgreSQL (the cluster's), whose backends are counted apart */
  databases: string[];
  stop(): Promise<void>;
}

/** The Temporal this run measures against (BENCH_TEMPORAL): the dev server, or the real server's cluster. */
async function benchTemporal(
  databaseUrl: string,
  smtpUrl: string,
  line: (text: string) => void,
): Promise<BenchTemporal> {
  if (TEMPORAL === 'cluster') {
    // Temporal's services alone: the run starts its own API and worker, as with the dev server.
    const settings = await freshClusterSettings('bench', { databaseUrl, smtpUrl, parvisEnv: {}, apis: 0, workers: 0 });
    const cluster = clusterOf(settings);
    await cluster.start(line);
    return {
      address: cluster.temporalAddress,
      processes: TEMPORAL_SERVICES.map((service) => ({
        name: `Temporal ${service}`,
        // looked up each time: a service restarted has a new pid
        pids: async () => [cluster.processes.get(`temporal-${service}`)?.pid].filter((pid) => pid !== undefined),
      })),
      databases: [settings.temporalDatabase, settings.visibilityDatabase],
      stop: async () => {
        await cluster.stop();
        await dropTemporalDatabases(process.env.DATABASE_URL!, settings);
      },
    };
  }
  const dataDir = TEMPORAL === 'file' ? await mkdtemp(join(tmpdir(), 'parvis-bench-temporal-')) : undefined;
  const devServer = await provideTemporal({ dataDir });
  return {
    address: devServer.address,
    processes: [{ name: 'Temporal server', pids: async () => childrenNamed(process.pid, 'temporal') }],
    databases: [],
    stop: async () => {
      await devServer.stop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Where the requests of a phase spent their time: median milliseconds from sending to each stage. */
function stageMedians(progress: Progress, label: string): string {
  const emails = [...progress.sent.keys()].filter((e) => e.startsWith(`${label}-`));
  const median = (stage: Map<string, number>) => {
    const ms = emails
      .filter((e) => stage.has(e))
      .map((e) => stage.get(e)! - progress.sent.get(e)!)
      .sort((x, y) => x - y);
    return ms.length > 0 ? ms[Math.floor(ms.length / 2)]!.toFixed(0) : '–';
  };
  return `median ms after sending: answered ${median(progress.answered)}, task visible ${median(progress.visible)}, acknowledgement received ${median(progress.acknowledged)}`;
}

/** Waits until every request is done (or failed); returns when the last one was done. */
async function allDone(progress: Progress, emails: string[], timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const pending = emails.filter((e) => progress.doneAt(e) === undefined && !progress.failed.has(e));
    if (pending.length === 0 || performance.now() > deadline) break;
    await sleep(20);
  }
  const times = emails.map((e) => progress.doneAt(e)).filter((t): t is number => t !== undefined);
  return times.length > 0 ? Math.max(...times) : performance.now();
}

interface Template {
  requestId: string;
  /** columns of `requests` copied as they are (generated ones excluded) */
  copiedColumns: string[];
  trackingCode: string;
  input: Record<string, unknown>;
}

/** A request filed over GraphQL and the input its workflow started with, to clone for direct starts. */
async function templateRequest(
  sql: postgres.Sql,
  temporal: Client,
  codec: PayloadCodec,
  email: string,
): Promise<Template> {
  const [row] = await sql<{ id: string; tracking_code: string }[]>`
    select id, tracking_code from requests where citizen_email = ${email}`;
  const history = await temporal.workflow.getHandle(`request-${row!.tracking_code}`).fetchHistory();
  const stored = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  const [payload] = await codec.decode([stored as Payload]); // encrypted in the history
  const input = JSON.parse(Buffer.from(payload!.data!).toString('utf8')) as Record<string, unknown>;
  console.log(`  (a request workflow's input as Temporal keeps it: ${(stored!.data!.length / 1024).toFixed(1)} KB)`);
  const columns = await sql<{ name: string }[]>`select column_name as name from information_schema.columns
    where table_schema = current_schema() and table_name = 'requests' and is_generated = 'NEVER'
      and column_name not in ('id', 'tracking_code', 'workflow_id', 'citizen_email', 'status', 'submitted_at')`;
  return { requestId: row!.id, trackingCode: row!.tracking_code, input, copiedColumns: columns.map((c) => c.name) };
}

/**
 * Files a request the way the API does (its row, then its workflow) without GraphQL: the row is a
 * copy of the template's with a new id, tracking code and e-mail.
 */
async function startDirect(
  sql: postgres.Sql,
  temporal: Client,
  template: Template,
  email: string,
  kind: 'parvis' | 'bare',
): Promise<void> {
  const trackingCode = Array.from({ length: 3 }, () =>
    Array.from({ length: 4 }, () => ALPHABET[Math.floor(Math.random() * ALPHABET.length)]).join(''),
  ).join('-');
  const workflowId = `${kind === 'parvis' ? 'request' : 'bare'}-${trackingCode}`;
  // Not sql(columns) after `insert into requests (`: postgres.js reads a list there as rows to
  // insert, fails on it (UNDEFINED_VALUE) and, failing on several connections at once, hangs
  // every query queued behind; that stalled the benchmark's direct phase for good.
  const columns = template.copiedColumns.map((name) => `"${name}"`).join(', ');
  const [row] = await sql.unsafe<{ id: string }[]>(
    `insert into requests (id, tracking_code, workflow_id, citizen_email, status, submitted_at, ${columns})
    select gen_random_uuid(), $1, $2, $3, 'submitted', now(), ${columns} from requests where id = $4 returning id`,
    [trackingCode, workflowId, email, template.requestId],
  );
  const requestId = row!.id;
  if (kind === 'bare') lastBareWorkflow = workflowId;
  if (kind === 'parvis') {
    const citizen = { ...(template.input.citizen as object), email };
    await temporal.workflow.start('requestWorkflow', {
      taskQueue: 'parvis-requests',
      workflowId,
      args: [
        {
          ...template.input,
          requestId,
          trackingCode,
          citizen,
          variables: { ...(template.input.variables as object), email },
        },
      ],
    });
  } else {
    const input: BareContactInput = {
      requestId,
      municipalityId: 'demo',
      trackingCode,
      email,
      procedureTitle: template.input.procedureTitle as BareContactInput['procedureTitle'],
    };
    await temporal.workflow.start('bareContactWorkflow', { taskQueue: BARE_TASK_QUEUE, workflowId, args: [input] });
  }
}

/** Starts `count` empty workflows, `CONCURRENCY` at a time, and waits for each to end; with the CPU spent. */
async function emptyWorkflows(temporal: Client, count: number, groups: CpuGroup[]) {
  const before = await snapshot(groups);
  const startedAt = performance.now();
  await mapLimit(
    Array.from({ length: count }, (_, i) => i),
    CONCURRENCY,
    async (i) => {
      const handle = await temporal.workflow.start('emptyWorkflow', {
        taskQueue: BARE_TASK_QUEUE,
        workflowId: `empty-${i}-${Date.now()}`,
      });
      await handle.result();
    },
  );
  const seconds = (performance.now() - startedAt) / 1000;
  return { seconds, cpu: spent(before, await snapshot(groups)) };
}

/** What a workflow waiting at its task went through: activities (local ones among them) and workflow tasks. */
async function historyCounts(temporal: Client, workflowId: string): Promise<string> {
  const events = (await temporal.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const count = (has: (e: (typeof events)[number]) => unknown) => events.filter(has).length;
  const regular = count((e) => e.activityTaskScheduledEventAttributes);
  const local = count((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity');
  const tasks = count((e) => e.workflowTaskCompletedEventAttributes);
  return `${regular + local} activities (${local} local), ${tasks} workflow tasks`;
}

await main();
process.exit(0);

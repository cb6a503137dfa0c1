import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  type Cluster,
  type ClusterSettings,
  checkReachable,
  clusterOf,
  freePort,
  migrate,
  provideSmtp,
  type ServicePorts,
  type SmtpService,
  TEMPORAL_SERVICES,
} from '@parvis/scripts';
import { seedDemo } from '@parvis/scripts/seed';
import postgres, { type Sql } from 'postgres';
import { type FiledRequest, fileContactRequests, tasksInInbox } from './contact-requests.ts';
import { testDatabase } from './database.ts';
import { eventually, GraphqlClient } from './graphql-client.ts';
import { testMasterKeys } from './master-key.ts';
import { REPO_ROOT } from './processes.ts';

const run = promisify(execFile);

/**
 * The topology of `npm run start:cluster` for the cluster fault tests: the real Temporal server's
 * four services in processes of their own, on fresh `temporal_*` databases of the machine's
 * PostgreSQL (DATABASE_URL), two APIs and two workers, free ports throughout.
 */
export interface TemporalCluster {
  /** Its processes, to kill and restart: `temporal-history`, `api-1`, `worker-2`… */
  processes: Cluster;
  /** The test's Parvis database */
  sql: Sql;
  smtp: SmtpService;
  /** A GraphQL client of API `n` (from 1), with its own cookie jar. */
  client(n: number): GraphqlClient;
  /** Restarts the machine's PostgreSQL server: every connection to it is cut. */
  restartPostgres(): Promise<void>;
  /** Stops every process and drops the databases, even after a failure. */
  stop(): Promise<void>;
}

/** `label` names the folder of the processes' logs, under test-results/cluster/. */
export async function startTemporalCluster(label: string): Promise<TemporalCluster> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('the cluster tests need DATABASE_URL: a PostgreSQL server they may restart');
  const database = await testDatabase();
  const smtp = await provideSmtp();
  const sql = postgres(database.url, { onnotice: () => {}, max: 4 });
  const settings = await freshClusterSettings(label, {
    databaseUrl: database.url,
    smtpUrl: smtp.url,
    apis: 2,
    workers: 2,
    // Every citizen and agent of a test comes from one address: the per-client limit would refuse them.
    parvisEnv: { ...testMasterKeys(), PUBLIC_URL: 'http://parvis.test', RATE_LIMIT_PER_SECOND: '0' },
  });
  const cluster = clusterOf(settings);
  const stop = async () => {
    const steps = [
      () => cluster.stop(),
      () => sql.end({ timeout: 5 }),
      () => smtp.stop(),
      () => database.drop(),
      () => dropTemporalDatabases(serverUrl, settings),
    ];
    for (const step of steps) await step().catch(() => {});
  };
  try {
    await migrate(sql);
    await seedDemo(sql);
    await cluster.start(() => {});
  } catch (error) {
    await stop();
    throw new Error(`the cluster did not start (logs in ${settings.dataDir}/logs): ${String(error)}`);
  }
  return {
    processes: cluster,
    sql,
    smtp,
    client: (n) => new GraphqlClient(`${cluster.apiUrls[n - 1]}/graphql`),
    async restartPostgres() {
      const [version, name] = (process.env.PARVIS_PG_CLUSTER ?? '15 main').split(' ');
      await run('pg_ctlcluster', ['--skip-systemctl-redirect', version!, name!, 'restart']);
      await checkReachable(serverUrl);
    },
    stop,
  };
}

/**
 * A cluster's settings on fresh `temporal_*` databases of `databaseUrl`'s server and free ports,
 * with `apis` API and `workers` worker processes of Parvis beside Temporal's services; `label`
 * names the folder of its logs, under test-results/cluster/.
 */
export async function freshClusterSettings(
  label: string,
  given: Pick<ClusterSettings, 'databaseUrl' | 'smtpUrl' | 'parvisEnv'> & { apis: number; workers: number },
): Promise<ClusterSettings> {
  const suffix = `${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  const apiPorts: number[] = [];
  for (let n = 0; n < given.apis; n++) apiPorts.push(await freePort());
  return {
    dataDir: join(REPO_ROOT, 'test-results', 'cluster', `${label}-${suffix}`),
    databaseUrl: given.databaseUrl,
    temporalDatabase: `temporal_${suffix}`,
    visibilityDatabase: `temporal_visibility_${suffix}`,
    temporal: Object.fromEntries(
      await Promise.all(TEMPORAL_SERVICES.map(async (service) => [service, await freePorts()])),
    ),
    frontendHttpPort: await freePort(),
    apiPorts,
    workerCount: given.workers,
    smtpUrl: given.smtpUrl,
    parvisEnv: given.parvisEnv,
  };
}

/** Drops the Temporal databases of a cluster made by freshClusterSettings. */
export async function dropTemporalDatabases(serverUrl: string, settings: ClusterSettings): Promise<void> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    for (const name of [settings.temporalDatabase, settings.visibilityDatabase])
      await admin.unsafe(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

/** Ten requests filed through both APIs, five each, and their tasks once in the agent's inbox. */
export async function waitingThroughBothApis(
  parvis: TemporalCluster,
  agent: GraphqlClient,
): Promise<{ waiting: FiledRequest[]; tasks: Map<string, string> }> {
  const waiting = [
    ...(await fileContactRequests(parvis.client(1), 5, 'waiting-a')),
    ...(await fileContactRequests(parvis.client(2), 5, 'waiting-b')),
  ];
  return { waiting, tasks: await tasksInInbox(agent, waiting) };
}

/** Resolves once a request filed under `label` is acknowledged: its first steps are running. */
export function firstAcknowledged(parvis: TemporalCluster, label: string): Promise<true> {
  return eventually(async () =>
    parvis.smtp.messages().some((m) => m.to.some((to) => to.startsWith(`${label}-`))) ? true : undefined,
  );
}

async function freePorts(): Promise<ServicePorts> {
  return { grpc: await freePort(), membership: await freeMembershipPort(), metrics: await freePort() };
}

/**
 * Temporal stores a membership port as a PostgreSQL smallint: the system's free ports (32768 and
 * up) do not fit, so one is drawn below.
 */
async function freeMembershipPort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canListen(port)) return port;
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

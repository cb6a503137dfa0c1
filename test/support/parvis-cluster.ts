import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiApp } from '@parvis/graphql';
import {
  freePort,
  migrate,
  provideSmtp,
  provideTemporal,
  type SmtpService,
  type TemporalService,
} from '@parvis/scripts';
import { seedDemo } from '@parvis/scripts/seed';
import { openPayloadEncryption, tuningInterceptor } from '@parvis/workers';
import { Client, Connection } from '@temporalio/client';
import postgres, { type Sql } from 'postgres';
import { testDatabase } from './database.ts';
import { GraphqlClient } from './graphql-client.ts';
import { testMasterKeys } from './master-key.ts';
import { killStartedProcesses, type NodeProcess, startWorkerProcess } from './processes.ts';

/**
 * Parvis as an operator runs it across machines, for fault tests: a Temporal dev server and
 * workers in processes of their own (so they can be killed), the test file's database, an SMTP
 * sink, and the API in the test process.
 */
export interface ParvisCluster {
  temporalAddress: string;
  /** The database, reached directly (the API and the test's own checks use it). */
  databaseUrl: string;
  sql: Sql;
  smtp: SmtpService;
  /** A Temporal client, to read workflow histories. */
  temporal: Client;
  /** A GraphQL client with its own cookie jar (one per person in a test). */
  client(): GraphqlClient;
  /** A worker process (`start:worker`); `databaseUrl` lets it reach PostgreSQL another way. */
  startWorker(options?: { databaseUrl?: string }): Promise<NodeProcess>;
  /** Stops the Temporal dev server (SIGTERM) and starts it again on the same port and state file. */
  restartTemporal(options?: { whileDown?: () => Promise<void> }): Promise<void>;
  /** Stops everything, every process included, even after a failure. */
  stop(): Promise<void>;
}

/**
 * `durableTemporal` keeps Temporal's state in a file, as `npm start` does, so that it survives a
 * restart; otherwise it lives in memory (faster on a busy machine).
 */
export async function startParvisCluster(options: { durableTemporal?: boolean } = {}): Promise<ParvisCluster> {
  const dataDir = options.durableTemporal ? await mkdtemp(join(tmpdir(), 'parvis-temporal-')) : undefined;
  const port = await freePort();
  let temporalService: TemporalService = await provideTemporal({ dataDir, port });
  const temporalAddress = temporalService.address;
  const database = await testDatabase();
  const smtp = await provideSmtp();
  const sql = postgres(database.url, { onnotice: () => {} });
  await migrate(sql);
  await seedDemo(sql);
  const encryption = await openPayloadEncryption(database.url, { ...testMasterKeys(), ...process.env });
  const connection = await Connection.connect({ address: temporalAddress });
  const temporal = new Client({
    connection,
    dataConverter: { payloadCodecs: [encryption.codec] },
    interceptors: { workflow: [tuningInterceptor()] },
  });
  const app = await createApiApp({ sql, temporal, publicUrl: 'http://parvis.test' }, { log: () => {} });
  const server: Server = createServer(app);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    temporalAddress,
    databaseUrl: database.url,
    sql,
    smtp,
    temporal,
    client: () => new GraphqlClient(`${url}/graphql`),
    startWorker: (options = {}) =>
      startWorkerProcess({ temporalAddress, databaseUrl: options.databaseUrl ?? database.url, smtpUrl: smtp.url }),
    async restartTemporal(options = {}) {
      if (!dataDir) throw new Error('restartTemporal needs startParvisCluster({ durableTemporal: true })');
      await temporalService.stop();
      await options.whileDown?.();
      temporalService = await provideTemporal({ dataDir, port });
    },
    async stop() {
      const steps = [
        () => killStartedProcesses(),
        () => new Promise<void>((done) => server.close(() => done())),
        () => connection.close(),
        () => encryption.close(),
        () => sql.end({ timeout: 5 }),
        () => smtp.stop(),
        () => database.drop(),
        () => temporalService.stop(),
        () => (dataDir ? rm(dataDir, { recursive: true, force: true }) : Promise.resolve()),
      ];
      for (const step of steps) await step().catch(() => {});
    },
  };
}

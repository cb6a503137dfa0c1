import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createApiApp, createHttpServer } from '@parvis/graphql';
import { migrate, provideSmtp, provideTemporal, type SmtpService } from '@parvis/scripts';
import { seedDemo } from '@parvis/scripts/seed';
import { settlesWithin } from '@parvis/scripts/settles-within';
import { createRequestWorker, openPayloadEncryption, type PayloadEncryption, tuningInterceptor } from '@parvis/workers';
import { Client, Connection } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import postgres, { type Sql } from 'postgres';
import { inject } from 'vitest';
import { testDatabase } from './database.ts';
import { GraphqlClient } from './graphql-client.ts';
import { type StandInMapServers, standInMapServers } from './map-servers.ts';
import { testMasterKeys } from './master-key.ts';

export interface RunningParvis {
  url: string;
  /** the test's own database, for tools that connect themselves (pg_dump) */
  databaseUrl: string;
  sql: Sql;
  smtp: SmtpService;
  temporal: Client;
  /** The payload codec's keys, as the worker and the API use them. */
  encryption: PayloadEncryption;
  /** The map tile and address servers the portal uses (stand-ins for the Géoplateforme's and OpenStreetMap's). */
  maps: StandInMapServers;
  /** The request worker, running (its own health: serveWorkerMetrics). */
  worker: Worker;
  /** A GraphQL client with its own cookie jar (one per person in a test). */
  client(): GraphqlClient;
  stop(): Promise<void>;
}

/** The bundle the run's global setup made (test/support/workflow-bundle.ts), if it ran. */
async function bundledOnce(): Promise<{ code: string } | undefined> {
  const path = inject('workflowBundlePath');
  return path ? { code: await readFile(path, 'utf8') } : undefined;
}

/**
 * How long a test file's worker may take to stop (it takes a tenth of a second), a backstop: a
 * message delivery in flight at the end of a file once kept the worker from stopping for ever (one
 * CI run's hook failed after three minutes, every test passed); deliveries now give way when the
 * stopping worker cancels them (workers/src/activities/messages/index.ts). The Temporal server and
 * the database are stopped next anyway.
 */
const WORKER_SHUTDOWN_MS = 15_000;

/**
 * Real Parvis for a test file: its own Temporal dev server, its own database, an SMTP sink,
 * a worker and the API on free ports, with the demo municipality and procedures deployed;
 * `portalDir` also serves a built portal at `/`.
 */
export async function startParvis(
  options: {
    portalDir?: string;
    log?: (line: string) => void;
    /** Sign-in's tests: administrators must sign in with TOTP, as in production (else they need not). */
    administratorsNeedTotp?: boolean;
  } = {},
): Promise<RunningParvis> {
  const temporalService = await provideTemporal();
  // the run's demo database when its global setup made one (test/support/demo-database.ts), else made here
  const template = inject('demoDatabaseTemplate');
  const database = await testDatabase(template);
  const smtp = await provideSmtp();
  const maps = await standInMapServers();
  const sql = postgres(database.url, { onnotice: () => {} });
  if (!template) {
    await migrate(sql);
    await seedDemo(sql);
  }
  const encryption = await openPayloadEncryption(database.url, { ...testMasterKeys(), ...process.env });
  const worker = await createRequestWorker({
    encryption,
    erasureGraceSeconds: 1,
    temporalAddress: temporalService.address,
    namespace: temporalService.namespace,
    sql,
    smtpUrl: smtp.url,
    publicUrl: 'http://parvis.test',
    workflowBundle: await bundledOnce(),
  });
  const running = worker.run();
  const connection = await Connection.connect({ address: temporalService.address });
  const temporal = new Client({
    connection,
    namespace: temporalService.namespace,
    dataConverter: { payloadCodecs: [encryption.codec] },
    interceptors: { workflow: [tuningInterceptor()] },
  });
  const app = await createApiApp(
    { sql, temporal, publicUrl: 'http://parvis.test', smtpUrl: smtp.url },
    {
      log: options.log ?? (() => {}),
      portalDir: options.portalDir,
      administratorsWithoutTotp: !options.administratorsNeedTotp,
      mapServers: maps.servers,
    },
  );
  const server: Server = createHttpServer(app);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    databaseUrl: database.url,
    sql,
    smtp,
    temporal,
    encryption,
    maps,
    worker,
    client: () => new GraphqlClient(`${url}/graphql`),
    async stop() {
      await new Promise<void>((done) => server.close(() => done()));
      worker.shutdown();
      if (!(await settlesWithin(running, WORKER_SHUTDOWN_MS)))
        console.warn(
          `the request worker took more than ${WORKER_SHUTDOWN_MS / 1000} s to stop; the test file stops without it`,
        );
      await connection.close();
      await encryption.close();
      await sql.end({ timeout: 5 });
      await smtp.stop();
      await maps.stop();
      await database.drop();
      await temporalService.stop();
    },
  };
}

import type { Server } from 'node:http';
import { createApiApp, createHttpServer } from '@parvis/graphql';
import { migrate, provideSmtp, provideTemporal, type SmtpService } from '@parvis/scripts';
import { seedDemo } from '@parvis/scripts/seed';
import { createRequestWorker, tuningInterceptor } from '@parvis/workers';
import { Client, Connection } from '@temporalio/client';
import postgres, { type Sql } from 'postgres';
import { testDatabase } from './database.ts';
import { GraphqlClient } from './graphql-client.ts';

export interface RunningParvis {
  url: string;
  sql: Sql;
  smtp: SmtpService;
  temporal: Client;
  /** A GraphQL client with its own cookie jar (one per person in a test). */
  client(): GraphqlClient;
  stop(): Promise<void>;
}

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
  const database = await testDatabase();
  const smtp = await provideSmtp();
  const sql = postgres(database.url, { onnotice: () => {} });
  await migrate(sql);
  await seedDemo(sql);
  const worker = await createRequestWorker({
    temporalAddress: temporalService.address,
    namespace: temporalService.namespace,
    sql,
    smtpUrl: smtp.url,
    publicUrl: 'http://parvis.test',
  });
  const running = worker.run();
  const connection = await Connection.connect({ address: temporalService.address });
  const temporal = new Client({
    connection,
    namespace: temporalService.namespace,
    interceptors: { workflow: [tuningInterceptor()] },
  });
  const app = await createApiApp(
    { sql, temporal, publicUrl: 'http://parvis.test', smtpUrl: smtp.url },
    {
      log: options.log ?? (() => {}),
      portalDir: options.portalDir,
      administratorsWithoutTotp: !options.administratorsNeedTotp,
    },
  );
  const server: Server = createHttpServer(app);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    sql,
    smtp,
    temporal,
    client: () => new GraphqlClient(`${url}/graphql`),
    async stop() {
      await new Promise<void>((done) => server.close(() => done()));
      worker.shutdown();
      await running;
      await connection.close();
      await sql.end({ timeout: 5 });
      await smtp.stop();
      await database.drop();
      await temporalService.stop();
    },
  };
}

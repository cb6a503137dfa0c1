// `npm run start:worker`: a request worker alone, against TEMPORAL_ADDRESS, DATABASE_URL and SMTP_URL.
import {
  createRequestWorker,
  ensureUploadsSweepSchedule,
  syncProcedureSchedules,
  tuningInterceptor,
} from '@parvis/workers';
import { Client, Connection } from '@temporalio/client';
import postgres from 'postgres';
import { config } from './config.ts';
import { exitOnStartupError, onShutdown } from './lifecycle.ts';
import { requiredEnv } from './required-env.ts';
import { checkReachable } from './services/database.ts';
import { migrate } from './services/migrate.ts';
import { answerHelp } from './usage.ts';

answerHelp(`usage: npm run start:worker
Runs a request worker alone against shared servers (run as many as needed). It reads
TEMPORAL_ADDRESS, DATABASE_URL and SMTP_URL (required), TEMPORAL_NAMESPACE and PUBLIC_URL.`);

try {
  const env = requiredEnv('TEMPORAL_ADDRESS', 'DATABASE_URL', 'SMTP_URL');
  await checkReachable(env.DATABASE_URL);
  const sql = postgres(env.DATABASE_URL, { onnotice: () => {}, max: config.workerDbConnections });
  onShutdown(() => sql.end({ timeout: 5 }));
  await migrate(sql);
  const worker = await createRequestWorker({
    temporalAddress: env.TEMPORAL_ADDRESS,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    sql,
    smtpUrl: env.SMTP_URL,
    publicUrl: config.publicUrl,
  });
  const running = worker.run();
  onShutdown(async () => {
    worker.shutdown();
    await running;
  });
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  onShutdown(() => connection.close());
  const client = new Client({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    interceptors: { workflow: [tuningInterceptor()] },
  });
  await syncProcedureSchedules(client, sql);
  await ensureUploadsSweepSchedule(client);
  console.log('[parvis] worker running on task queue parvis-requests');
  await running;
} catch (error) {
  await exitOnStartupError(error);
}

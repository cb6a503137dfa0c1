// `npm run start:worker`: a request worker alone, against TEMPORAL_ADDRESS, DATABASE_URL and SMTP_URL.
import {
  createRequestWorker,
  ensureRetentionSchedule,
  ensureSearchAttributes,
  ensureUploadsSweepSchedule,
  openPayloadEncryption,
  serveWorkerMetrics,
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
TEMPORAL_ADDRESS, DATABASE_URL and SMTP_URL (required), TEMPORAL_NAMESPACE and PUBLIC_URL;
PARVIS_WORKER_METRICS_PORT serves its Prometheus metrics (docs/operations.md).`);

try {
  const env = requiredEnv('TEMPORAL_ADDRESS', 'DATABASE_URL', 'SMTP_URL');
  await checkReachable(env.DATABASE_URL);
  const sql = postgres(env.DATABASE_URL, { onnotice: () => {}, max: config.workerDbConnections });
  onShutdown('the database pool', () => sql.end({ timeout: 5 }));
  await migrate(sql);
  const encryption = await openPayloadEncryption(env.DATABASE_URL);
  onShutdown('the payload encryption', () => encryption.close());
  if (encryption.rewrapped > 0)
    console.log(`[parvis] data keys re-wrapped under the current master key: ${encryption.rewrapped}`);
  // Before any request sets them: a namespace refuses search attributes it does not know.
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  onShutdown('the Temporal connection', () => connection.close());
  const registered = await ensureSearchAttributes(connection, process.env.TEMPORAL_NAMESPACE ?? 'default');
  if (registered.length > 0) console.log(`[parvis] search attributes registered: ${registered.join(', ')}`);
  const worker = await createRequestWorker({
    encryption,
    temporalAddress: env.TEMPORAL_ADDRESS,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    sql,
    smtpUrl: env.SMTP_URL,
    publicUrl: config.publicUrl,
  });
  const running = worker.run();
  onShutdown('the worker', async () => {
    worker.shutdown();
    await running;
  });
  if (process.env.PARVIS_WORKER_METRICS_PORT) {
    const metrics = await serveWorkerMetrics(worker, {
      port: Number(process.env.PARVIS_WORKER_METRICS_PORT),
      host: process.env.PARVIS_WORKER_METRICS_HOST || undefined,
      token: process.env.PARVIS_METRICS_TOKEN || undefined,
    });
    onShutdown('the worker metrics', () => metrics.stop());
    console.log(`[parvis] worker metrics at ${metrics.url}`);
  }
  const client = new Client({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    dataConverter: { payloadCodecs: [encryption.codec] },
    interceptors: { workflow: [tuningInterceptor()] },
  });
  await syncProcedureSchedules(client, sql);
  await ensureUploadsSweepSchedule(client);
  await ensureRetentionSchedule(client);
  console.log('[parvis] worker running on task queue parvis-requests');
  await running;
} catch (error) {
  await exitOnStartupError(error);
}

// A worker process for the hand-written workflow, on a task queue of its own, with the same
// activities as the Parvis worker: `node --import tsx test/bench/lifecycle/bare-worker.ts`.
import { fileURLToPath } from 'node:url';
import { createActivities, memorySmsSink, openPayloadEncryption, WORKFLOW_TASK_POLLING } from '@parvis/workers';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import nodemailer from 'nodemailer';
import postgres from 'postgres';

export const BARE_TASK_QUEUE = 'bench-bare-contact';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const sql = postgres(env('DATABASE_URL'), { onnotice: () => {} });
  // The driver's client encrypts what it starts, as Parvis's do: the same codec, as the Parvis worker.
  const encryption = await openPayloadEncryption(env('DATABASE_URL'));
  const worker = await Worker.create({
    dataConverter: { payloadCodecs: [encryption.codec] },
    connection: await NativeConnection.connect({ address: env('TEMPORAL_ADDRESS') }),
    taskQueue: BARE_TASK_QUEUE,
    workflowTaskPollerBehavior: WORKFLOW_TASK_POLLING, // as the Parvis worker
    workflowsPath: fileURLToPath(new URL('./bare-workflow.ts', import.meta.url)),
    activities: createActivities({
      sql,
      mailer: nodemailer.createTransport({ url: env('SMTP_URL'), pool: true }), // as the Parvis worker
      sms: memorySmsSink(),
      publicUrl: 'http://parvis.test',
    }),
  });
  console.log('bare worker running');
  await worker.run();
  await encryption.close();
  await sql.end({ timeout: 5 });
}

import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import nodemailer from 'nodemailer';
import type { Sql } from 'postgres';
import { createActivities } from './activities/index.ts';
import { appointmentActivities } from './appointments/reminder.ts';
import { erasureGraceSeconds, type PayloadEncryption } from './data-keys/payload-encryption.ts';
import { TASK_QUEUE } from './messages.ts';
import { httpSmsGateway, memorySmsSink, type SmsGateway } from './notifications/sms-gateway.ts';

export interface WorkerOptions {
  temporalAddress: string;
  namespace: string;
  sql: Sql;
  smtpUrl: string;
  publicUrl: string;
  /** SMS gateway; by default SMS_GATEWAY_URL's, else a sink that keeps messages in memory. */
  sms?: SmsGateway;
  /** Every payload given to Temporal is encrypted with its request's data key (openPayloadEncryption). */
  encryption: PayloadEncryption;
  /** PARVIS_ERASURE_GRACE_SECONDS's unless given. */
  erasureGraceSeconds?: number;
  /** The workflow code bundled ahead (buildWorkflowBundle), so that the worker starts without bundling it. */
  workflowBundle?: { code: string };
}

const workflowsPath = fileURLToPath(new URL('./workflows/index.ts', import.meta.url));
const failureConverterPath = fileURLToPath(new URL('./data-keys/failure-converter.ts', import.meta.url));
let bundle: Promise<{ code: string }> | undefined;

/** The workflow bundle, built once per process (about 2 s). */
export function buildWorkflowBundle(): Promise<{ code: string }> {
  bundle ??= bundleWorkflowCode({
    workflowsPath,
    failureConverterPath,
    // Evaluated once per worker thread and shared by every request, instead of once per request
    // (feelin's parser tables, the date polyfill…): the engine keeps no state between calls.
    preloadModules: ['@parvis/engine/runtime'],
    logger: { info() {}, warn() {}, error() {}, debug() {}, trace() {}, log() {} },
  });
  return bundle;
}

/**
 * Workflow-task pollers that grow and shrink with the backlog, as the server advises. A request
 * reaches the inbox in its first workflow task, which comes from the shared queue; the default
 * (ten pollers, a fifth of them on the shared queue and the rest on this worker's sticky one)
 * kept two polls there, and requests waited for them with a core idle: 39 requests/s end to end
 * against 51 with these (npm run bench:lifecycle, 100 in flight).
 */
export const WORKFLOW_TASK_POLLING = { type: 'autoscaling' } as const;

let runtimeInstalled = false;

/** The SDK logs every state change at INFO; Parvis keeps warnings and errors. */
function installRuntime() {
  if (runtimeInstalled) return;
  Runtime.install({
    shutdownSignals: [],
    logger: new DefaultLogger((process.env.PARVIS_WORKER_LOG_LEVEL as 'WARN' | undefined) ?? 'WARN'),
  });
  runtimeInstalled = true;
}

/** A worker for the request workflow and its activities. Call `run()` and `shutdown()`. */
export async function createRequestWorker(options: WorkerOptions): Promise<Worker> {
  installRuntime();
  const connection = await NativeConnection.connect({ address: options.temporalAddress });
  // Pooled: one SMTP session carries many messages instead of a connection per e-mail.
  const mailer = nodemailer.createTransport({ url: options.smtpUrl, pool: true });
  const sms = options.sms ?? defaultSmsGateway();
  const worker = await Worker.create({
    connection,
    namespace: options.namespace,
    taskQueue: TASK_QUEUE,
    workflowTaskPollerBehavior: WORKFLOW_TASK_POLLING,
    workflowBundle: options.workflowBundle ?? (await buildWorkflowBundle()),
    dataConverter: { payloadCodecs: [options.encryption.codec], failureConverterPath },
    activities: {
      ...createActivities({
        sql: options.sql,
        mailer,
        sms,
        publicUrl: options.publicUrl,
      }),
      ...appointmentActivities({ sql: options.sql, mailer, sms }),
    },
  });
  // Erased people's requests that have closed since lose their data key once their workflow ended.
  const grace = options.erasureGraceSeconds ?? erasureGraceSeconds();
  const shredding = setInterval(
    () =>
      void options.encryption.keys
        .destroyClosed(grace)
        .catch((error: unknown) =>
          console.error(`[parvis] data keys of erased people not destroyed: ${String(error)}`),
        ),
    Math.min(Math.max(grace, 1), 60) * 1000,
  );
  // The pool's connections close with the worker, so an SMTP server stopping after it waits for nobody.
  const run = worker.run.bind(worker);
  worker.run = () =>
    run().finally(() => {
      clearInterval(shredding);
      mailer.close();
    });
  return worker;
}

function defaultSmsGateway(): SmsGateway {
  return process.env.SMS_GATEWAY_URL
    ? httpSmsGateway(process.env.SMS_GATEWAY_URL, process.env.SMS_GATEWAY_TOKEN)
    : memorySmsSink();
}

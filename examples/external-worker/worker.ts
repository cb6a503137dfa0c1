// An external job worker for Parvis: a Temporal worker polling the task queue Parvis routes the job
// type `creditCardCharging` to, `parvis-jobs.creditCardCharging` (docs/api.md, "External job
// workers"). Run it beside Parvis:
//
//   TEMPORAL_ADDRESS=127.0.0.1:7233 npx tsx examples/external-worker/worker.ts
import { NativeConnection, Worker } from '@temporalio/worker';
import { creditCardCharging, JOB_TYPE } from './card-payment.ts';

/** `parvis-jobs.<jobType>`, letters, digits and -_:. kept, anything else made `_`; per town `parvis-jobs.<town>.<jobType>`. */
export const TASK_QUEUE = `parvis-jobs.${JOB_TYPE}`;

/** A worker running the job's activity (named after the job type) on its queue; call run() and shutdown(). */
export async function createCardPaymentWorker(options: { address: string; namespace?: string }): Promise<Worker> {
  const connection = await NativeConnection.connect({ address: options.address });
  return Worker.create({
    connection,
    namespace: options.namespace ?? 'default',
    taskQueue: TASK_QUEUE,
    activities: { [JOB_TYPE]: creditCardCharging },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const worker = await createCardPaymentWorker({
    address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: process.env.TEMPORAL_NAMESPACE,
  });
  process.once('SIGINT', () => worker.shutdown());
  process.once('SIGTERM', () => worker.shutdown());
  console.log(`external worker polling ${TASK_QUEUE}`);
  await worker.run();
}

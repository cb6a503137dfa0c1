import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deployProcedure } from '@parvis/graphql';
import { snapshotQuery } from '@parvis/workers';
import type { Connection } from '@temporalio/client';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCardCharging, type ExternalJob } from '../../examples/external-worker/card-payment.ts';
import { createCardPaymentWorker, TASK_QUEUE } from '../../examples/external-worker/worker.ts';
import { eventually } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

const SUBMIT = `mutation ($data: JSON!) {
  submitRequest(municipality: "demo", procedure: "paiement-carte", data: $data) { trackingCode } }`;

describe('an external job worker runs the job types Parvis has no handler for', () => {
  let parvis: RunningParvis;
  let worker: Worker;
  let running: Promise<void>;

  const job = (variables: Record<string, unknown>): ExternalJob => ({
    requestId: '00000000-0000-0000-0000-000000000000',
    municipalityId: 'demo',
    jobId: 'Charge#3',
    elementId: 'Charge',
    jobType: 'creditCardCharging',
    headers: { currency: 'EUR' },
    variables,
  });
  const openTasks = async (code: string) =>
    (
      await parvis.sql<{ name: string }[]>`select t.name from tasks t join requests r on r.id = t.request_id
        where r.tracking_code = ${code} and t.status = 'open'`
    ).map((t) => t.name);
  const submit = async (montant: number) => {
    const { submitRequest } = await parvis
      .client()
      .data<{ submitRequest: { trackingCode: string } }>(SUBMIT, { data: { montant } });
    return submitRequest.trackingCode;
  };

  beforeAll(async () => {
    parvis = await startParvis();
    const bpmn = await readFile(join(import.meta.dirname, '../fixtures/card-payment-procedure.bpmn'), 'utf8');
    await deployProcedure(
      parvis.sql,
      'demo',
      { key: 'paiement-carte', title: { fr: 'Paiement par carte', en: 'Card payment' }, bpmn, forms: {} },
      'test',
    );
    const address = (parvis.temporal.connection as Connection).options.address;
    worker = await createCardPaymentWorker({ address, namespace: parvis.temporal.options.namespace });
    running = worker.run();
  }, 400_000);
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await parvis?.stop();
  });

  it('polls the task queue named after the job type', async () => {
    expect(TASK_QUEUE).toBe('parvis-jobs.creditCardCharging');
    const pollers = await eventually(async () => {
      const { pollers } = await parvis.temporal.workflowService.describeTaskQueue({
        namespace: parvis.temporal.options.namespace,
        taskQueue: { name: TASK_QUEUE },
        taskQueueType: 2, // activities
      });
      return pollers.length > 0 ? pollers : undefined;
    });
    expect(pollers.length).toBeGreaterThan(0);
  });

  it('answers variables for the job, or a BPMN error with its code', async () => {
    const env = new MockActivityEnvironment();
    expect(await env.run(creditCardCharging, job({ amount: 120 }))).toEqual({
      paymentId: 'PAY-Charge3',
      charged: 120,
      currency: 'EUR',
    });
    const declined = await env.run(creditCardCharging, job({ amount: 5000 })).catch((error: unknown) => error);
    expect(declined).toMatchObject({ type: 'BPMN_ERROR', details: [{ errorCode: 'PAYMENT_DECLINED' }] });
    const missing = await env.run(creditCardCharging, job({})).catch((error: unknown) => error);
    expect(missing).toMatchObject({ type: 'JOB_INPUT_MISSING', nonRetryable: true });
  });

  it('a request whose model has the job gets its result from the external worker', async () => {
    const code = await submit(120);
    expect(await eventually(async () => ((await openTasks(code)).length ? openTasks(code) : undefined))).toEqual([
      'Confirmer le paiement',
    ]);
    const snapshot = await parvis.temporal.workflow.getHandle(`request-${code}`).query(snapshotQuery);
    expect(snapshot.variables).toMatchObject({
      paymentId: expect.stringMatching(/^PAY-/),
      charged: 120,
      currency: 'EUR',
    });
  });

  it("a BPMN error the worker throws takes the model's error path", async () => {
    const code = await submit(5000);
    expect(await eventually(async () => ((await openTasks(code)).length ? openTasks(code) : undefined))).toEqual([
      'Appeler pour un autre moyen de paiement',
    ]);
  });
});

import { randomBytes } from 'node:crypto';
import type { Variables } from '@parvis/engine';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { NotifyDependencies } from '../activities/notify.ts';
import type { Job } from '../jobs/job-types.ts';
import { TASK_QUEUE } from '../messages.ts';
import { townPublicUrl } from '../notifications/town-url.ts';
import { townProvider } from './settings.ts';

/** How long the citizen has to pay, unless the task says otherwise (`expiresAfterMinutes`). */
const DEFAULT_EXPIRY_MINUTES = 60 * 24;

interface PaymentRow {
  id: string;
  reference: string;
  amount_cents: number;
  page_url: string | null;
  expires_at: Date;
  /** the secret the provider's notification address carries */
  notify_token: string;
  /** the year the debt belongs to (PayFiP's exer) */
  year: number;
}

/**
 * `parvis:payment`: asks the citizen to pay `amount` (euros, from FEEL) for `label` through the
 * town's provider; `email` is the payer's address for the provider's receipt. Answers the
 * payment's id, reference (the correlation key of the `paiement` message its result is published
 * as), amount and page, `paymentStatus` PENDING; an amount of zero asks for nothing (NOT_REQUIRED),
 * nor does a town without a payment provider (OFFLINE: it bills the fee otherwise).
 * Keyed by (request, job): a retried job finds its payment and asks the provider nothing twice.
 */
export async function askForPayment(deps: NotifyDependencies, job: Job): Promise<Variables> {
  const amountCents = cents(job);
  if (amountCents === 0) return { paymentStatus: 'NOT_REQUIRED', paymentAmount: 0 };
  const label = input(job, 'label') ?? fail(job, 'needs "label": what is paid for, as a header or an input mapping.');
  const email = input(job, 'email') ?? fail(job, 'needs "email": the payer’s address, for the provider’s receipt.');
  const minutes = Number(input(job, 'expiresAfterMinutes') ?? DEFAULT_EXPIRY_MINUTES);
  if (!(minutes > 0)) fail(job, 'has an "expiresAfterMinutes" that is not a positive number.');
  const town = await townProvider(deps.sql, job.municipalityId);
  // A town that collects no fees online bills them as before (the Treasury's title): the model says so.
  if (!town) return { paymentStatus: 'OFFLINE', paymentAmount: amountCents / 100 };

  const payment = await deps.sql.begin(async (tx) => {
    // Two attempts of the same job at once wait for each other here; the second finds the first's row.
    await tx`select pg_advisory_xact_lock(hashtext(${`payment:${job.requestId}:${job.jobId}`}))`;
    const [existing] = await tx<
      PaymentRow[]
    >`select id, reference, amount_cents, page_url, expires_at, notify_token, year from payments
      where request_id = ${job.requestId} and job_id = ${job.jobId}`;
    if (existing) return existing;
    const [request] = await tx<{ tracking_code: string; asked: number }[]>`
      select r.tracking_code, (select count(*) from payments p where p.request_id = r.id)::int as asked
      from requests r where r.id = ${job.requestId} and r.municipality_id = ${job.municipalityId}`;
    if (!request) throw new Error(`Request ${job.requestId} is not stored yet; the payment will be asked on retry.`);
    // PayFiP's refdet: 6 to 30 letters and digits; the request's code and the payment's rank in it.
    const reference = `${request.tracking_code.replace(/[^A-Za-z0-9]/g, '').slice(0, 26)}P${request.asked + 1}`;
    const [row] = await tx<PaymentRow[]>`
      insert into payments (municipality_id, request_id, job_id, element_id, provider, amount_cents, label, reference,
        year, notify_token, expires_at)
      values (${job.municipalityId}, ${job.requestId}, ${job.jobId}, ${job.elementId}, ${town.provider.name},
        ${amountCents}, ${label}, ${reference},
        extract(year from now() at time zone (select time_zone from municipalities where id = ${job.municipalityId}))::int,
        ${randomBytes(24).toString('base64url')}, now() + ${minutes} * interval '1 minute')
      returning id, reference, amount_cents, page_url, expires_at, notify_token, year`;
    return row!;
  });

  let pageUrl = payment.page_url;
  if (!pageUrl) {
    // The provider is asked only for a payment it has not answered: nothing the citizen saw is replaced.
    const base = await townPublicUrl(deps.sql, deps.publicUrl, job.municipalityId);
    const path = `${base}/payments/${job.municipalityId}/${payment.id}`;
    const created = await town.provider.create({
      reference: payment.reference,
      amountCents: payment.amount_cents,
      label,
      email,
      year: payment.year,
      notifyUrl: `${path}/notification?token=${payment.notify_token}`,
      returnUrl: `${path}/return`,
    });
    await deps.sql`update payments set operation_id = ${created.operationId}, page_url = ${created.pageUrl}
      where id = ${payment.id} and operation_id is null`;
    pageUrl = created.pageUrl;
  }
  await watchExpiry(job.municipalityId, payment.id, payment.expires_at);
  return {
    paymentId: payment.id,
    paymentReference: payment.reference,
    paymentAmount: payment.amount_cents / 100,
    paymentUrl: pageUrl,
    paymentStatus: 'PENDING',
  };
}

/** Starts the payment's expiry watch once: at its end, the provider is asked one last time. */
async function watchExpiry(municipalityId: string, paymentId: string, expiresAt: Date): Promise<void> {
  try {
    await Context.current().client.workflow.start('paymentExpiryWorkflow', {
      taskQueue: TASK_QUEUE,
      workflowId: `payment-expiry-${paymentId}`,
      args: [{ municipalityId, paymentId, expiresAt: expiresAt.toISOString() }],
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

/** The amount in cents: a number of euros (or its text) from the task's inputs, two decimals at most. */
function cents(job: Job): number {
  const raw = job.variables.amount ?? job.headers.amount;
  const euros = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof euros !== 'number' || !Number.isFinite(euros) || euros < 0) {
    fail(job, `needs "amount": a number of euros, zero or more (got ${JSON.stringify(raw ?? null)}).`);
  }
  const amount = Math.round(euros * 100);
  if (Math.abs(amount - euros * 100) > 1e-6) fail(job, `has an amount of ${euros} €: two decimals at most.`);
  return amount;
}

function input(job: Job, name: string): string | undefined {
  const value = job.variables[name] ?? job.headers[name];
  return typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : typeof value === 'number'
      ? String(value)
      : undefined;
}

function fail(job: Job, message: string): never {
  throw ApplicationFailure.nonRetryable(`Task ${job.elementId} (parvis:payment) ${message}`, 'PAYMENT_INVALID');
}

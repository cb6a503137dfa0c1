import type { Variables } from '@parvis/engine';
import { ApplicationFailure } from '@temporalio/activity';
import { deliverOnce } from '../activities/deliver-once.ts';
import type { NotifyDependencies } from '../activities/notify.ts';
import { inviteToBook } from '../appointments/appointment-job.ts';
import { askForPayment } from '../payments/payment-job.ts';
import { issueDocument } from './document-job.ts';
import { namedReplyTemplate } from './reply-template.ts';
import { addressRequestMail, recordInConversation } from './request-mail.ts';
import { wordedMail } from './worded-mail.ts';

/** A service or send task's job, as the engine asked for it. */
export interface Job {
  requestId: string;
  municipalityId: string;
  jobId: string;
  elementId: string;
  jobType: string;
  headers: Record<string, string>;
  variables: Variables;
}

type JobHandler = (deps: NotifyDependencies, job: Job) => Promise<Variables>;

const text = (job: Job, name: string): string => {
  const value = job.variables[name] ?? job.headers[name];
  if (typeof value !== 'string' || value === '') {
    throw ApplicationFailure.nonRetryable(
      `Task ${job.elementId} (${job.jobType}) needs "${name}": map it with an input mapping or a task header.`,
      'JOB_INPUT_MISSING',
    );
  }
  return value;
};

/** A text input that may be absent. */
export const optionalText = (job: Job, name: string): string | undefined => {
  const value = job.variables[name] ?? job.headers[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

/**
 * The job types Parvis runs itself. Analysts use them as zeebe:taskDefinition types; inputs come
 * from the task's input mappings (FEEL) or its headers.
 */
export const JOB_TYPES: Record<string, JobHandler> = {
  /**
   * E-mail: `to`, and `subject` and `body` (headers written with `{{name}}` get the request's values
   * in words, `bodyEn` in English: worded-mail.ts), or `replyTemplate` naming the
   * reply template that words it.
   */
  'parvis:send-email': async (deps, job) => {
    const to = text(job, 'to');
    const template = optionalText(job, 'replyTemplate');
    const worded = template ? await namedReplyTemplate(deps, job, template) : await wordedMail(deps.sql, job);
    const subject = worded?.subject ?? text(job, 'subject');
    const body = worded?.text ?? text(job, 'body');
    const [town] = await deps.sql<{ name: string; contact_email: string }[]>`
      select name, contact_email from municipalities where id = ${job.municipalityId}`;
    // With the request's code and a link that opens it (the citizen's without typing the e-mail).
    const mail = await addressRequestMail(deps, job, { to, subject, text: body });
    await deliverOnce(
      deps.sql,
      { requestId: job.requestId, key: `job:${job.jobId}`, channel: 'email', recipient: to, subject: mail.subject },
      async () => {
        await deps.mailer.sendMail({
          from: `${town?.name} <${town?.contact_email}>`,
          to,
          subject: mail.subject,
          text: mail.text,
        });
      },
    );
    if (mail.toCitizen) await recordInConversation(deps, job, body);
    return { emailSentTo: to };
  },

  /** SMS: `to`, `text`. */
  'parvis:send-sms': async (deps, job) => {
    const to = text(job, 'to');
    const message = text(job, 'text');
    await deliverOnce(
      deps.sql,
      {
        requestId: job.requestId,
        key: `job:${job.jobId}`,
        channel: 'sms',
        recipient: to,
        subject: message.slice(0, 80),
      },
      () => deps.sms.send(to, message),
    );
    return { smsSentTo: to };
  },

  /**
   * Webhook: POSTs the task's variables as JSON to `url`; a JSON object answered comes back as
   * variables. The receiver gets an `Idempotency-Key` header, as retries may call it again.
   */
  'parvis:webhook': async (_deps, job) => {
    const url = text(job, 'url');
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `${job.requestId}:${job.jobId}` },
      body: JSON.stringify(job.variables),
      signal: AbortSignal.timeout(20_000),
    });
    if (response.status >= 400 && response.status < 500) {
      throw ApplicationFailure.nonRetryable(
        `The webhook ${url} refused the call: HTTP ${response.status}.`,
        'WEBHOOK_REFUSED',
      );
    }
    if (!response.ok) throw new Error(`The webhook ${url} failed: HTTP ${response.status}.`);
    const body = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
    return body && typeof body === 'object' && !Array.isArray(body) ? (body as Variables) : {};
  },

  /** Document: `template` (letter, permit, civil-status-extract, decision) and its inputs; see document-job.ts. */
  'parvis:document': issueDocument,

  /** Payment: `amount` (euros), `label`, `email`; its result comes as the `paiement` message (payment-job.ts). */
  'parvis:payment': askForPayment,

  /** Appointment: `kind` (its key); the citizen books on the tracking page, published as the `rendez-vous` message (appointment-job.ts). */
  'parvis:appointment': inviteToBook,
};

/** Runs a job by its type; an unknown type is an error the analyst can act on. */
export function runJob(deps: NotifyDependencies, job: Job): Promise<Variables> {
  const handler = JOB_TYPES[job.jobType];
  if (!handler) {
    throw ApplicationFailure.nonRetryable(
      `No worker handles job type "${job.jobType}" (task ${job.elementId}). Parvis runs: ${Object.keys(JOB_TYPES).join(', ')}.`,
      'UNKNOWN_JOB_TYPE',
    );
  }
  return handler(deps, job);
}

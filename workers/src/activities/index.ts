import type { Variables } from '@parvis/engine';
import type { Transporter } from 'nodemailer';
import type { Sql } from 'postgres';
import { type Job, runJob } from '../jobs/job-types.ts';
import type { PaymentSettlement, PaymentSettlementInput, RequestWorkflowInput } from '../messages.ts';
import type { SmsGateway } from '../notifications/sms-gateway.ts';
import { settlePayment } from '../payments/settle.ts';
import { type CalledProcedure, loadCalledProcedure } from './called-procedure.ts';
import { messageActivities } from './messages/index.ts';
import { type NotifyInput, notify } from './notify.ts';
import { projectStep, type StepProjection } from './project-step.ts';
import { type RecordStepInput, recordStep } from './record-step.ts';
import { applyRetention, type RetentionPurge } from './retention.ts';
import { fileScheduledRequest } from './started-request.ts';
import { sweepUnattachedUploads } from './unattached-uploads.ts';

export interface ActivityDependencies {
  sql: Sql;
  mailer: Transporter;
  sms: SmsGateway;
  /** Public URL of the portal, for links in messages. */
  publicUrl: string;
}

/** The request workflow's activities, bound to their I/O. Each is idempotent. */
export function createActivities(deps: ActivityDependencies) {
  return {
    async projectStep(step: StepProjection): Promise<void> {
      await projectStep(deps.sql, step);
    },

    /** A step's projection, then its notifications, then who was told: one activity per step. */
    recordStep(input: RecordStepInput): Promise<void> {
      return recordStep(deps, input);
    },

    /** E-mail and SMS for one event, each recipient once. */
    notify(input: NotifyInput): Promise<{ recipients: string[]; channels: string[]; followers?: number }> {
      return notify(deps, input);
    },

    /** The request a scheduled procedure files when its timer start event is due. */
    fileScheduledRequest(input: {
      versionId: string;
      startEventId: string;
      dueAt: string;
    }): Promise<RequestWorkflowInput> {
      return fileScheduledRequest(deps.sql, input);
    },

    /** The procedure a call activity starts. */
    loadCalledProcedure(input: { municipalityId: string; processId: string }): Promise<CalledProcedure> {
      return loadCalledProcedure(deps.sql, input.municipalityId, input.processId);
    },

    /** Uploads no form submission took within a day, in every municipality; how many went. */
    sweepUnattachedUploads(): Promise<number> {
      return sweepUnattachedUploads(deps.sql);
    },

    /** Closed requests past their procedure's retention period, in every town, anonymised; what went, per procedure. */
    applyRetention(): Promise<RetentionPurge[]> {
      return applyRetention(deps.sql);
    },

    /** Messages and signals between the town's requests: subscriptions, publication, broadcast. */
    ...messageActivities(deps.sql),

    /** A payment's outcome, read from its provider on a notification, a return or its expiry. */
    settlePayment(input: PaymentSettlementInput): Promise<PaymentSettlement> {
      return settlePayment(deps.sql, input);
    },

    /** Service and send tasks, by job type. */
    runJob(job: Job): Promise<Variables> {
      return runJob(deps, job);
    },
  };
}

export type RequestActivities = ReturnType<typeof createActivities>;

import type { Variables } from '@parvis/engine';
import { ApplicationFailure } from '@temporalio/activity';
import type { Transporter } from 'nodemailer';
import type { Sql } from 'postgres';
import { acknowledgementText } from '../notifications/acknowledgement.ts';
import { projectStep, type StepProjection } from './project-step.ts';
import { sendEmailOnce } from './send-email.ts';

export interface ActivityDependencies {
  sql: Sql;
  mailer: Transporter;
  /** Public URL of the portal, for links in messages. */
  publicUrl: string;
}

/** The request workflow's activities, bound to their I/O. Each is idempotent. */
export function createActivities({ sql, mailer, publicUrl }: ActivityDependencies) {
  return {
    async projectStep(step: StepProjection): Promise<void> {
      await projectStep(sql, step);
    },

    async sendAcknowledgement(input: {
      requestId: string;
      municipalityId: string;
      trackingCode: string;
      to: string;
      procedureTitle: { fr: string; en: string };
    }): Promise<{ channel: 'email'; to: string }> {
      const [town] = await sql<{ name: string; contact_email: string; time_zone: string }[]>`
        select name, contact_email, time_zone from municipalities where id = ${input.municipalityId}`;
      const [request] = await sql<
        { submitted_at: Date }[]
      >`select submitted_at from requests where id = ${input.requestId}`;
      // Retried: the API commits the request row just after it starts the workflow.
      if (!town || !request) throw new Error(`Request ${input.trackingCode} is not stored yet.`);
      const { subject, text } = acknowledgementText({
        trackingCode: input.trackingCode,
        procedureTitle: input.procedureTitle,
        municipalityName: town.name,
        contactEmail: town.contact_email,
        receivedAt: request.submitted_at,
        timeZone: town.time_zone,
        trackingUrl: `${publicUrl}/suivi/${input.trackingCode}`,
      });
      await sendEmailOnce(sql, mailer, {
        requestId: input.requestId,
        key: 'acknowledgement',
        from: town.contact_email,
        to: input.to,
        subject,
        text,
      });
      return { channel: 'email', to: input.to };
    },

    /** Service and send tasks, by job type. */
    async runJob(job: {
      requestId: string;
      municipalityId: string;
      jobType: string;
      headers: Record<string, string>;
      variables: Variables;
    }): Promise<Variables> {
      throw ApplicationFailure.nonRetryable(
        `No worker handles job type "${job.jobType}". Use one of the Parvis job types, or run a worker for it.`,
        'UNKNOWN_JOB_TYPE',
      );
    },
  };
}

export type RequestActivities = ReturnType<typeof createActivities>;

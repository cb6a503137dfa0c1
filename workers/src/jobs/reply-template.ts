import { type FormComponent, renderReplyTemplate, replyTemplateMessage } from '@parvis/engine';
import { ApplicationFailure } from '@temporalio/activity';
import type { NotifyDependencies } from '../activities/notify.ts';
import { townPublicUrl } from '../notifications/town-url.ts';
import type { Job } from './job-types.ts';

interface TemplatedRequest {
  tracking_code: string;
  procedure_key: string;
  title_fr: string;
  title_en: string;
  data: Record<string, unknown>;
  submitted_at: Date;
  municipality: string;
  time_zone: string;
  first_name: string | null;
  last_name: string | null;
  form: { components: FormComponent[] } | null;
}

interface TemplateRow {
  subject_fr: string;
  body_fr: string;
  subject_en: string;
  body_en: string;
}

/**
 * A send task's or a letter's wording from the reply template the task names (`replyTemplate`
 * input or header): the procedure's own template of that name, else the town's. Managers change
 * the wording in the portal; the BPMN only names the template. Read when the job runs, so a
 * retried job after a change says the new words. No such template: an incident naming it.
 */
export async function namedReplyTemplate(
  deps: NotifyDependencies,
  job: Job,
  name: string,
): Promise<{ subject: string; text: string }> {
  const [request] = await deps.sql<TemplatedRequest[]>`
    select r.tracking_code, v.procedure_key, p.title_fr, p.title_en, r.data, r.submitted_at, m.name as municipality,
      m.time_zone, c.first_name, c.last_name, v.forms -> (v.ir ->> 'startFormId') as form
    from requests r
    join municipalities m on m.id = r.municipality_id
    join procedure_versions v on v.id = r.procedure_version_id
    join procedures p on p.municipality_id = v.municipality_id and p.key = v.procedure_key
    left join citizens c on c.id = r.citizen_id
    where r.id = ${job.requestId} and r.municipality_id = ${job.municipalityId}`;
  if (!request) throw new Error(`Request ${job.requestId} is not stored yet; the reply will be written on retry.`);
  const [template] = await deps.sql<TemplateRow[]>`
    select subject_fr, body_fr, subject_en, body_en from reply_templates
    where municipality_id = ${job.municipalityId} and lower(name) = lower(${name})
      and (procedure_key is null or procedure_key = ${request.procedure_key})
    order by procedure_key nulls last limit 1`;
  if (!template) {
    throw ApplicationFailure.nonRetryable(
      `Task ${job.elementId} (${job.jobType}) names the reply template "${name}", which the town does not have: a manager writes it (Modèles de réponse), then the incident is retried.`,
      'REPLY_TEMPLATE_MISSING',
    );
  }
  const rendered = renderReplyTemplate(
    {
      subjectFr: template.subject_fr,
      bodyFr: template.body_fr,
      subjectEn: template.subject_en,
      bodyEn: template.body_en,
    },
    {
      trackingCode: request.tracking_code,
      procedureTitle: { fr: request.title_fr, en: request.title_en },
      citizenName: [request.first_name, request.last_name]
        .map((part) => part?.trim())
        .filter(Boolean)
        .join(' '),
      submittedAt: request.submitted_at.toISOString(),
      today: new Date().toISOString(),
      municipality: request.municipality,
      timeZone: request.time_zone,
      trackingUrl: `${await townPublicUrl(deps.sql, deps.publicUrl, job.municipalityId)}/suivi/${request.tracking_code}`,
      data: request.data,
      form: request.form ?? undefined,
    },
  );
  return {
    subject: rendered.fr.subject || `${request.title_fr} — ${request.tracking_code}`,
    text: replyTemplateMessage(rendered),
  };
}

import {
  dateInWords,
  type FormComponent,
  fieldByKey,
  fillTemplate,
  placeInWords,
  valueInWords,
  type WordsLanguage,
} from '@parvis/engine';
import type { Sql } from 'postgres';
import type { Job } from './job-types.ts';

interface RequestContext {
  tracking_code: string;
  submitted_at: Date;
  title_fr: string;
  title_en: string;
  municipality: string;
  time_zone: string;
  forms: Record<string, { components?: FormComponent[] }>;
}

/** The words of a send task's mail that its headers write: its subject, its body in French, then in English. */
interface HeaderTexts {
  subject: string;
  body: string;
  bodyEn?: string;
}

/**
 * A send task whose mail is written in its headers (`subject`, `body`, and `bodyEn` for English,
 * sent after the French as every Parvis mail), not mapped from FEEL: `{{name}}` there gets the request's value in words, in the
 * language of the text — an option's label, a date in words, `{{place}}` the address or « près de
 * 48,8566° N, 2,3522° E », `{{trackingCode}}`, `{{procedure}}`, `{{receivedAt}}`, `{{municipality}}`
 * — and a line whose values are all empty is left out. Headers are the analyst's own words: nothing
 * a citizen typed is read as a placeholder. Undefined for a mail mapped from FEEL inputs (sent as it is).
 */
export async function wordedMail(sql: Sql, job: Job): Promise<{ subject: string; text: string } | undefined> {
  const texts = headerTexts(job);
  if (!texts) return undefined;
  const [request] = await sql<RequestContext[]>`
    select r.tracking_code, r.submitted_at, p.title_fr, p.title_en, m.name as municipality, m.time_zone, v.forms
    from requests r
    join municipalities m on m.id = r.municipality_id
    join procedure_versions v on v.id = r.procedure_version_id
    join procedures p on p.municipality_id = v.municipality_id and p.key = v.procedure_key
    where r.id = ${job.requestId} and r.municipality_id = ${job.municipalityId}`;
  if (!request) throw new Error(`Request ${job.requestId} is not stored yet; the mail will be written on retry.`);
  const fill = (template: string, lang: WordsLanguage) => fillTemplate(template, values(job, request, lang)).trim();
  const french = { subject: fill(texts.subject, 'fr'), body: fill(texts.body, 'fr') };
  if (!texts.bodyEn) return { subject: french.subject, text: french.body };
  return { subject: french.subject, text: `${french.body}\n\n---\n\n${fill(texts.bodyEn, 'en')}` };
}

function headerTexts(job: Job): HeaderTexts | undefined {
  const { subject, body, bodyEn } = job.headers;
  // Written in the headers, the mail is a template (a process variable may share its inputs' names).
  if (!subject || !body) return undefined;
  return { subject, body, bodyEn };
}

/** The request's values in one language, by name. */
function values(job: Job, request: RequestContext, lang: WordsLanguage): Record<string, string> {
  const forms = Object.values(request.forms ?? {});
  const fields = Object.fromEntries(
    Object.entries(job.variables).map(([name, value]) => [
      name,
      valueInWords(value, fieldByKey(forms, name), lang, request.time_zone),
    ]),
  );
  return {
    ...fields,
    trackingCode: request.tracking_code,
    procedure: lang === 'fr' ? request.title_fr : request.title_en,
    receivedAt: dateInWords(request.submitted_at.toISOString(), lang, request.time_zone),
    municipality: request.municipality,
    place: placeInWords(job.variables, lang),
  };
}

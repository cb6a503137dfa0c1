import { checkDocumentData, DOCUMENT_TEMPLATES, isDocumentTemplate, type Variables } from '@parvis/engine';
import { ApplicationFailure } from '@temporalio/activity';
import type { NotifyDependencies } from '../activities/notify.ts';
import { townPublicUrl } from '../notifications/town-url.ts';
import type { Job } from './job-types.ts';
import { namedReplyTemplate } from './reply-template.ts';

interface IssuedRow {
  document_number: string;
  tracking_code: string;
}

/**
 * `parvis:document`: issues a document (letter, permit, civil-status extract, decision) from the
 * template named by the `template` input or header; a letter's `body` may be a reply template's (`replyTemplate`). The row it writes freezes the task's variables
 * and a number of the municipality's yearly series (`2026-000123`); the API renders the PDF from
 * them on demand. Keyed by (request, job): a retried job finds its document and issues nothing twice.
 */
export async function issueDocument(deps: NotifyDependencies, job: Job): Promise<Variables> {
  const template = input(job, 'template');
  if (!template) fail(job, 'needs "template": set it as a task header or map it with an input mapping.');
  if (!isDocumentTemplate(template)) {
    fail(job, `has the unknown template "${template}". Templates: ${Object.keys(DOCUMENT_TEMPLATES).join(', ')}.`);
  }
  // Headers are the task's fixed inputs; mapped variables win over them. A letter's body may come
  // from a reply template the managers word (`replyTemplate`), frozen with the document.
  const replyTemplate = template === 'letter' ? input(job, 'replyTemplate') : undefined;
  const worded = replyTemplate ? await namedReplyTemplate(deps, job, replyTemplate) : undefined;
  const inputs: Variables = { ...job.headers, ...job.variables, ...(worded ? { body: worded.text } : {}) };
  const check = checkDocumentData(template, inputs);
  if (!check.ok) {
    fail(
      job,
      `cannot issue a "${template}": ${check.problems.join('; ')}. Inputs: ${DOCUMENT_TEMPLATES[template].inputs}.`,
    );
  }
  const title = {
    fr: input(job, 'title') ?? DOCUMENT_TEMPLATES[template].title.fr,
    en: input(job, 'titleEn') ?? input(job, 'title') ?? DOCUMENT_TEMPLATES[template].title.en,
  };

  const issued = await deps.sql.begin(async (tx) => {
    // Two attempts of the same job at once wait for each other here; the second finds the first's row.
    await tx`select pg_advisory_xact_lock(hashtext(${`issued-document:${job.requestId}:${job.jobId}`}))`;
    const [existing] = await tx<IssuedRow[]>`
      select d.document_number, r.tracking_code from issued_documents d join requests r on r.id = d.request_id
      where d.request_id = ${job.requestId} and d.job_id = ${job.jobId}`;
    if (existing) return existing;
    const [request] = await tx<{ tracking_code: string; year: number }[]>`
      select r.tracking_code, extract(year from now() at time zone m.time_zone)::int as year
      from requests r join municipalities m on m.id = r.municipality_id
      where r.id = ${job.requestId} and r.municipality_id = ${job.municipalityId}`;
    if (!request) throw new Error(`Request ${job.requestId} is not stored yet; the document will be issued on retry.`);
    // A counter row, not a sequence: a rolled-back issue leaves no gap in the municipality's series.
    const [counter] = await tx<{ last: number }[]>`
      insert into document_counters (municipality_id, year, last) values (${job.municipalityId}, ${request.year}, 1)
      on conflict (municipality_id, year) do update set last = document_counters.last + 1
      returning last`;
    const documentNumber = `${request.year}-${String(counter!.last).padStart(6, '0')}`;
    await tx`
      insert into issued_documents (municipality_id, request_id, job_id, element_id, template, title_fr, title_en,
        variables, document_number)
      values (${job.municipalityId}, ${job.requestId}, ${job.jobId}, ${job.elementId}, ${template}, ${title.fr},
        ${title.en}, ${tx.json(inputs as never)}, ${documentNumber})`;
    return { document_number: documentNumber, tracking_code: request.tracking_code };
  });

  return {
    documentNumber: issued.document_number,
    documentUrl: `${await townPublicUrl(deps.sql, deps.publicUrl, job.municipalityId)}/documents/${issued.tracking_code}/${issued.document_number}.pdf`,
  };
}

/** A text input, from the task's input mappings first, then its headers. */
function input(job: Job, name: string): string | undefined {
  const value = job.variables[name] ?? job.headers[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function fail(job: Job, message: string): never {
  throw ApplicationFailure.nonRetryable(`Task ${job.elementId} (parvis:document) ${message}`, 'DOCUMENT_INVALID');
}

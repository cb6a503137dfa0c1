import { type ReplyTemplateText, renderReplyTemplate, replyTemplateMessage } from '@parvis/engine';
import type { SignedInAgent } from '../common/context.ts';
import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import { requestShownTo } from '../requests/access.ts';
import { type RequestRow, requestRepository } from '../requests/repository.ts';
import { normaliseTrackingCode } from '../requests/tracking-code.ts';
import type { ReplyTemplateRow } from './repository.ts';
import { requestFacts } from './request-facts.ts';

/** A template filled with one request's values. */
export interface RenderedTemplate {
  subject: string;
  body: string;
  subjectEn: string | null;
  bodyEn: string | null;
  /** The whole message: French, then English after a rule. */
  text: string;
}

/** The request the agent may see (requests/access.ts), or NOT_FOUND as for one that does not exist. */
export async function requestForAgent(tx: Db, agent: SignedInAgent, trackingCode: string): Promise<RequestRow> {
  const row = await requestRepository(tx).byTrackingCode(
    normaliseTrackingCode(trackingCode),
    requestShownTo(tx, agent),
  );
  if (!row) {
    throw userError(
      'NOT_FOUND',
      `Aucune demande ${trackingCode} parmi les vôtres. / No request ${trackingCode} among yours.`,
      {
        field: 'trackingCode',
      },
    );
  }
  return row;
}

/** The text of a stored template. */
export const templateText = (t: ReplyTemplateRow): ReplyTemplateText => ({
  subjectFr: t.subject_fr,
  bodyFr: t.body_fr,
  subjectEn: t.subject_en,
  bodyEn: t.body_en,
});

/** Fills a template with the request's values; a procedure's template fits only that procedure's requests. */
export async function renderForRequest(
  tx: Db,
  template: { text: ReplyTemplateText; procedureKey: string | null },
  request: RequestRow,
  publicUrl: string,
  now = new Date(),
): Promise<RenderedTemplate> {
  if (template.procedureKey && template.procedureKey !== request.procedure_key) {
    throw userError(
      'BAD_USER_INPUT',
      `Ce modèle est réservé à la démarche « ${template.procedureKey} » ; la demande ${request.tracking_code} relève de « ${request.procedure_key} ». / ` +
        `This template is for the procedure "${template.procedureKey}"; request ${request.tracking_code} is a "${request.procedure_key}".`,
      { field: 'templateId' },
    );
  }
  const rendered = renderReplyTemplate(template.text, await requestFacts(tx, request, publicUrl, now));
  return {
    subject: rendered.fr.subject,
    body: rendered.fr.body,
    subjectEn: rendered.en?.subject ?? null,
    bodyEn: rendered.en?.body ?? null,
    text: replyTemplateMessage(rendered),
  };
}

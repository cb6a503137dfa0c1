import {
  checkDocumentData,
  DOCUMENT_TEMPLATES,
  inputsNow,
  isDocumentTemplate,
  jobsAfter,
  type ProcessIR,
  type Variables,
} from '@parvis/engine';
import type { IssuedDocument } from './issued-documents.ts';

/** A document a step leads to, as it would be issued from the request's variables now. */
export interface DocumentPreview {
  elementId: string;
  template: string;
  title: { fr: string; en: string };
  /** what its template would print, as an issued document freezes it */
  document: IssuedDocument;
}

/**
 * The documents (`parvis:document` tasks) that can follow a step, previewed with the variables as
 * they stand: each task's input mappings evaluated now, over its headers, as the job would take
 * them. A document its template would refuse yet (its motive is the signer's own comment, still
 * unwritten) is left out: it cannot be shown before the decision.
 */
export function documentPreviews(ir: ProcessIR, elementId: string, variables: Variables, now: Date): DocumentPreview[] {
  return jobsAfter(ir, elementId, 'parvis:document').flatMap((element): DocumentPreview[] => {
    const evaluated = inputsNow(ir, element.id, variables, now.toISOString());
    if (!evaluated.ok) return [];
    const inputs: Variables = { ...element.job!.headers, ...evaluated.inputs };
    const template = typeof inputs.template === 'string' ? inputs.template : '';
    if (!isDocumentTemplate(template) || !checkDocumentData(template, inputs).ok) return [];
    const text = (name: string) =>
      typeof inputs[name] === 'string' && inputs[name] !== '' ? (inputs[name] as string) : undefined;
    const title = {
      fr: text('title') ?? DOCUMENT_TEMPLATES[template].title.fr,
      en: text('titleEn') ?? text('title') ?? DOCUMENT_TEMPLATES[template].title.en,
    };
    return [
      {
        elementId: element.id,
        template,
        title,
        document: {
          template,
          title,
          documentNumber: 'PROJET',
          issuedAt: now,
          elementId: element.id,
          variables: inputs,
        },
      },
    ];
  });
}

/** Where the agent opens a document's preview for a task: a PDF marked as a draft. */
export const previewUrl = (publicUrl: string, trackingCode: string, taskId: string, elementId: string) =>
  `${publicUrl}/documents/${encodeURIComponent(trackingCode)}/apercu/${taskId}/${encodeURIComponent(elementId)}.pdf`;

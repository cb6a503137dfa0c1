// GraphQL documents of reply and letter templates, with the shape of what they return.

export type TemplateKind = 'reply' | 'letter';

export interface ReplyTemplate {
  id: string;
  kind: TemplateKind;
  name: string;
  procedureKey: string | null;
  procedureTitle: string | null;
  subjectFr: string;
  bodyFr: string;
  subjectEn: string;
  bodyEn: string;
  updatedBy: string | null;
  updatedAt: string;
}

const TEMPLATE_FIELDS = /* GraphQL */ `
  fragment ReplyTemplateFields on ReplyTemplate {
    id kind name procedureKey procedureTitle(lang: $lang) subjectFr bodyFr subjectEn bodyEn updatedBy updatedAt
  }`;

export const REPLY_TEMPLATES = /* GraphQL */ `
  query ReplyTemplates($kind: TemplateKind, $trackingCode: String, $lang: Lang) {
    replyTemplates(kind: $kind, trackingCode: $trackingCode) { ...ReplyTemplateFields }
  }
  ${TEMPLATE_FIELDS}`;

export interface RenderedTemplate {
  subject: string;
  body: string;
  subjectEn: string | null;
  bodyEn: string | null;
  text: string;
}

const RENDERED_FIELDS = /* GraphQL */ `
  fragment RenderedTemplateFields on RenderedTemplate {
    subject body subjectEn bodyEn text
  }`;

export const RENDER_TEMPLATE = /* GraphQL */ `
  query RenderTemplate($templateId: ID!, $trackingCode: String!) {
    renderTemplate(templateId: $templateId, trackingCode: $trackingCode) { ...RenderedTemplateFields }
  }
  ${RENDERED_FIELDS}`;

export const PREVIEW_TEMPLATE = /* GraphQL */ `
  query PreviewTemplate($template: ReplyTemplateInput!, $trackingCode: String!) {
    previewTemplate(template: $template, trackingCode: $trackingCode) { ...RenderedTemplateFields }
  }
  ${RENDERED_FIELDS}`;

export interface TemplateVariable {
  name: string;
  description: string;
}

export const TEMPLATE_VARIABLES = /* GraphQL */ `
  query TemplateVariables($procedureKey: String, $lang: Lang) {
    templateVariables(procedureKey: $procedureKey) { name description(lang: $lang) }
  }`;

/** What the editor sends. */
export interface ReplyTemplateInput {
  kind: TemplateKind;
  name: string;
  procedureKey: string | null;
  subjectFr: string;
  bodyFr: string;
  subjectEn: string;
  bodyEn: string;
}

export const SAVE_REPLY_TEMPLATE = /* GraphQL */ `
  mutation SaveReplyTemplate($id: ID, $template: ReplyTemplateInput!, $lang: Lang) {
    saveReplyTemplate(id: $id, template: $template) { ...ReplyTemplateFields }
  }
  ${TEMPLATE_FIELDS}`;

export const DELETE_REPLY_TEMPLATE = /* GraphQL */ `mutation DeleteReplyTemplate($id: ID!) { deleteReplyTemplate(id: $id) }`;

/** The procedures a template may be for, and the latest request of one to preview with. */
export const TEMPLATE_PROCEDURES = /* GraphQL */ `
  query TemplateProcedures($municipality: ID!, $lang: Lang) { procedures(municipality: $municipality) { key title(lang: $lang) } }`;

export const LATEST_REQUEST = /* GraphQL */ `
  query LatestRequest($procedure: String) {
    requests(filter: { procedure: $procedure }, first: 1) { nodes { trackingCode } }
  }`;

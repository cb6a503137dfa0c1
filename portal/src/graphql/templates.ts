// GraphQL documents of reply and letter templates, with the shape of what they return.
import type { Operation } from '../composables/useGraphql.ts';
import type {
  DeleteReplyTemplateMutation,
  DeleteReplyTemplateMutationVariables,
  LatestRequestQuery,
  LatestRequestQueryVariables,
  PreviewTemplateQuery,
  PreviewTemplateQueryVariables,
  RenderedTemplateFieldsFragment,
  RenderTemplateQuery,
  RenderTemplateQueryVariables,
  ReplyTemplateFieldsFragment,
  ReplyTemplatesQuery,
  ReplyTemplatesQueryVariables,
  SaveReplyTemplateMutation,
  SaveReplyTemplateMutationVariables,
  TemplateProceduresQuery,
  TemplateProceduresQueryVariables,
  TemplateVariablesQuery,
  TemplateVariablesQueryVariables,
} from '../graphql/generated/operations.ts';

export type TemplateKind = 'REPLY' | 'LETTER';

export type ReplyTemplate = ReplyTemplateFieldsFragment;

const TEMPLATE_FIELDS = /* GraphQL */ `
  fragment ReplyTemplateFields on ReplyTemplate {
    id kind name procedureKey procedureTitle(lang: $lang) subjectFr bodyFr subjectEn bodyEn updatedBy updatedAt
  }`;

export const REPLY_TEMPLATES: Operation<ReplyTemplatesQuery, ReplyTemplatesQueryVariables> = /* GraphQL */ `
  query ReplyTemplates($kind: TemplateKind, $trackingCode: String, $lang: Lang) {
    replyTemplates(kind: $kind, trackingCode: $trackingCode) { ...ReplyTemplateFields }
  }
  ${TEMPLATE_FIELDS}`;

export type RenderedTemplate = RenderedTemplateFieldsFragment;

const RENDERED_FIELDS = /* GraphQL */ `
  fragment RenderedTemplateFields on RenderedTemplate {
    subject body subjectEn bodyEn text
  }`;

export const RENDER_TEMPLATE: Operation<RenderTemplateQuery, RenderTemplateQueryVariables> = /* GraphQL */ `
  query RenderTemplate($templateId: ID!, $trackingCode: String!) {
    renderTemplate(templateId: $templateId, trackingCode: $trackingCode) { ...RenderedTemplateFields }
  }
  ${RENDERED_FIELDS}`;

export const PREVIEW_TEMPLATE: Operation<PreviewTemplateQuery, PreviewTemplateQueryVariables> = /* GraphQL */ `
  query PreviewTemplate($template: ReplyTemplateInput!, $trackingCode: String!) {
    previewTemplate(template: $template, trackingCode: $trackingCode) { ...RenderedTemplateFields }
  }
  ${RENDERED_FIELDS}`;

export type TemplateVariable = TemplateVariablesQuery['templateVariables'][number];

export const TEMPLATE_VARIABLES: Operation<TemplateVariablesQuery, TemplateVariablesQueryVariables> = /* GraphQL */ `
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

export const SAVE_REPLY_TEMPLATE: Operation<SaveReplyTemplateMutation, SaveReplyTemplateMutationVariables> =
  /* GraphQL */ `
  mutation SaveReplyTemplate($id: ID, $template: ReplyTemplateInput!, $lang: Lang) {
    saveReplyTemplate(id: $id, template: $template) { ...ReplyTemplateFields }
  }
  ${TEMPLATE_FIELDS}`;

export const DELETE_REPLY_TEMPLATE: Operation<DeleteReplyTemplateMutation, DeleteReplyTemplateMutationVariables> =
  /* GraphQL */ `mutation DeleteReplyTemplate($id: ID!) { deleteReplyTemplate(id: $id) }`;

/** The procedures a template may be for, and the latest request of one to preview with. */
export const TEMPLATE_PROCEDURES: Operation<TemplateProceduresQuery, TemplateProceduresQueryVariables> = /* GraphQL */ `
  query TemplateProcedures($municipality: ID!, $lang: Lang) { procedures(municipality: $municipality) { key title(lang: $lang) } }`;

export const LATEST_REQUEST: Operation<LatestRequestQuery, LatestRequestQueryVariables> = /* GraphQL */ `
  query LatestRequest($procedure: String) {
    requests(filter: { procedure: $procedure }, first: 1) { nodes { trackingCode } }
  }`;

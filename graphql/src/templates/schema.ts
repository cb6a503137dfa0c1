import { REQUEST_VARIABLES } from '@parvis/engine';
import type { ApiContext, SignedInAgent } from '../common/context.ts';
import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import { CASEWORKERS, requireRole } from '../common/roles.ts';
import { isUuid } from '../common/uuid.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { checkTemplate, procedureFieldKeys } from './check-template.ts';
import { renderForRequest, requestForAgent, templateText } from './render.ts';
import { replyTemplateRepository } from './repository.ts';

export const templateTypeDefs = /* GraphQL */ `
  "What a template is for: a reply (a message, a closing mail) or a letter printed on the town's letterhead."
  enum TemplateKind {
    "a message or closing mail to the citizen (réponse)"
    REPLY
    "a letter printed on the town's letterhead (courrier)"
    LETTER
  }

  """
  A reply or letter template staff write, per town and optionally for one procedure. Its texts name
  variables as {{name}}: the request's (trackingCode, procedureTitle, citizenName, submittedAt…) and,
  for a procedure's template, its form's fields by key.
  """
  type ReplyTemplate {
    "the template's id"
    id: ID!
    "a reply or a letter"
    kind: TemplateKind!
    "its name, as staff pick it"
    name: String!
    "null: for every procedure of the town"
    procedureKey: String
    "the title of its procedure; null for every procedure"
    procedureTitle("language of the text: FR (the default) or EN" lang: Lang = FR): String
    "the subject in French (a letter's heading)"
    subjectFr: String!
    "the text in French, with {{variables}}"
    bodyFr: String!
    "empty: the message is in French only"
    subjectEn: String!
    "the text in English, with {{variables}}; empty: French only"
    bodyEn: String!
    "who changed it last"
    updatedBy: String
    "when it last changed (ISO 8601)"
    updatedAt: String!
  }

  "A variable a template may name, with what it says."
  type TemplateVariable {
    "its name, as a template writes it between {{ }}"
    name: String!
    "what it says, in the language asked"
    description("language of the text: FR (the default) or EN" lang: Lang = FR): String!
  }

  "A template filled with one request's values."
  type RenderedTemplate {
    "the subject, filled"
    subject: String!
    "the text in French, filled"
    body: String!
    "null when the template has no English"
    subjectEn: String
    "the text in English, filled; null when the template has none"
    bodyEn: String
    "the whole message as sent: French, then English after a rule"
    text: String!
  }

  "A reply or letter template as the editor holds it."
  input ReplyTemplateInput {
    "a reply or a letter"
    kind: TemplateKind!
    "its name, as staff pick it"
    name: String!
    "a procedure's key, or null for every procedure"
    procedureKey: String
    "the subject in French"
    subjectFr: String
    "the text in French, with {{variables}}"
    bodyFr: String!
    "the subject in English"
    subjectEn: String
    "the text in English, with {{variables}}"
    bodyEn: String
  }

  extend type Query {
    """
    Agents: the town's templates, by name; with a tracking code, those that fit that request (for
    every procedure, or its own); with a procedure, those for every procedure and its own.
    """
    replyTemplates(
      "only replies or only letters; absent, both"
      kind: TemplateKind
      "the town's templates for every procedure and for this one"
      procedureKey: String
      "the templates that fit this request's procedure"
      trackingCode: String
    ): [ReplyTemplate!]!
    "Agents: one template of the town."
    replyTemplate("the template's id" id: ID!): ReplyTemplate
    "The variables a template may name: the request's, and for a procedure its form's fields."
    templateVariables(
      "adds this procedure's form fields to the request's variables"
      procedureKey: String
    ): [TemplateVariable!]!
    "Agents: a saved template filled with the values of a request they may see (messages, letters)."
    renderTemplate(
      "the template's id"
      templateId: ID!
      "the request whose values fill it"
      trackingCode: String!
    ): RenderedTemplate!
    "Managers: a template being written, filled with a real request's values, before it is saved."
    previewTemplate(
      "the template, as the editor holds it"
      template: ReplyTemplateInput!
      "the request whose values fill it"
      trackingCode: String!
    ): RenderedTemplate!
  }

  extend type Mutation {
    "Managers and administrators: writes a template (id: changes that one); a variable nobody gives is refused, named."
    saveReplyTemplate(
      "the template to change; absent, a new one"
      id: ID
      "the template, as the editor holds it"
      template: ReplyTemplateInput!
    ): ReplyTemplate!
    "Managers and administrators: deletes a template; false when there was none."
    deleteReplyTemplate("the template's id" id: ID!): Boolean!
  }
`;

/** Those who write the wording: managers and administrators. */
const EDITORS = ['manager', 'administrator'] as const;

const notFound = (id: string) =>
  userError('NOT_FOUND', `Aucun modèle ${id} dans votre commune. / No template ${id} in your town.`, { field: 'id' });

const within = <T>(ctx: ApiContext, agent: SignedInAgent, work: (tx: Db) => Promise<T>) =>
  ctx.db.within(agent.municipalityId, work);

/** A variable a template may use, described in both languages (the API's TemplateVariable). */
export interface TemplateVariableSource {
  name: string;
  description: { fr: string; en: string };
}

export const templateResolvers: Resolvers = {
  Query: {
    replyTemplates: (_, args, ctx) => {
      const agent = requireRole(ctx, ...CASEWORKERS);
      return within(ctx, agent, async (tx) => {
        const procedureKey = args.trackingCode
          ? (await requestForAgent(tx, agent, args.trackingCode)).procedure_key
          : args.procedureKey;
        return replyTemplateRepository(tx).list({ kind: args.kind, procedureKey });
      });
    },
    replyTemplate: (_, args, ctx) => {
      const agent = requireRole(ctx, ...CASEWORKERS);
      return isUuid(args.id) ? within(ctx, agent, (tx) => replyTemplateRepository(tx).find(args.id)) : null;
    },
    templateVariables: async (_, args, ctx) => {
      const agent = requireRole(ctx, ...CASEWORKERS);
      const fields = await within(ctx, agent, (tx) => procedureFieldKeys(tx, args.procedureKey));
      return [
        ...Object.entries(REQUEST_VARIABLES).map(([name, description]) => ({ name, description })),
        ...fields.map((name) => ({
          name,
          description: { fr: `le champ « ${name} » du formulaire`, en: `the form's field "${name}"` },
        })),
      ];
    },
    renderTemplate: (_, args, ctx) => {
      const agent = requireRole(ctx, ...CASEWORKERS);
      return within(ctx, agent, async (tx) => {
        const template = isUuid(args.templateId) ? await replyTemplateRepository(tx).find(args.templateId) : undefined;
        if (!template) throw notFound(args.templateId);
        const request = await requestForAgent(tx, agent, args.trackingCode);
        return renderForRequest(
          tx,
          { text: templateText(template), procedureKey: template.procedure_key },
          request,
          ctx.publicUrl,
        );
      });
    },
    previewTemplate: (_, args, ctx) => {
      const agent = requireRole(ctx, ...EDITORS);
      return within(ctx, agent, async (tx) => {
        const request = await requestForAgent(tx, agent, args.trackingCode);
        const t = args.template;
        return renderForRequest(
          tx,
          {
            text: {
              subjectFr: t.subjectFr ?? '',
              bodyFr: t.bodyFr,
              subjectEn: t.subjectEn ?? '',
              bodyEn: t.bodyEn ?? '',
            },
            procedureKey: t.procedureKey || null,
          },
          request,
          ctx.publicUrl,
        );
      });
    },
  },
  Mutation: {
    saveReplyTemplate: (_, args, ctx) => {
      const agent = requireRole(ctx, ...EDITORS);
      const id = args.id ?? null;
      if (id !== null && !isUuid(id)) throw notFound(id);
      return within(ctx, agent, async (tx) => {
        await checkTemplate(tx, args.template, id);
        const saved = await replyTemplateRepository(tx).save(agent.municipalityId, id, args.template, agent.id);
        if (!saved) throw notFound(id ?? '');
        return saved;
      });
    },
    deleteReplyTemplate: (_, args, ctx) => {
      const agent = requireRole(ctx, ...EDITORS);
      return isUuid(args.id) ? within(ctx, agent, (tx) => replyTemplateRepository(tx).remove(args.id)) : false;
    },
  },
  ReplyTemplate: {
    procedureKey: (t) => t.procedure_key,
    procedureTitle: (t, args) => (args.lang === 'en' ? t.procedure_title_en : t.procedure_title_fr),
    subjectFr: (t) => t.subject_fr,
    bodyFr: (t) => t.body_fr,
    subjectEn: (t) => t.subject_en,
    bodyEn: (t) => t.body_en,
    updatedBy: (t) => t.updated_by_name,
    updatedAt: (t) => t.updated_at.toISOString(),
  },
  TemplateVariable: {
    description: (v, args) => v.description[args.lang],
  },
};

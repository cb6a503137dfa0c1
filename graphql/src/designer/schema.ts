import type { Json } from '@parvis/engine';
import { userError } from '../common/errors.ts';
import { requireRole } from '../common/roles.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { publishVersion } from './publish.ts';
import { designerRepository, type ProcedureMetadata, type VersionInfoRow } from './repository.ts';

export const designerTypeDefs = /* GraphQL */ `
  "A procedure as analysts see it in the designer: its metadata, published or not."
  type DesignerProcedure {
    "the procedure's key, stable across versions"
    key: String!
    "its title in French"
    titleFr: String!
    "its title in English"
    titleEn: String!
    "what it is for, in French, shown in the catalogue"
    descriptionFr: String!
    "what it is for, in English, shown in the catalogue"
    descriptionEn: String!
    "who it is for: households, businesses, associations"
    audience: [Audience!]!
    "the department that handles it"
    department: String
    "shown in the citizens' catalogue"
    published: Boolean!
    "when its metadata last changed (ISO 8601)"
    updatedAt: String!
    "its latest deployed version; null before the first deployment"
    latestVersion: Int
    "every version, newest first"
    versions: [ProcedureVersion!]!
  }

  "An immutable deployed version of a procedure."
  type ProcedureVersion {
    "the procedure's key"
    procedureKey: String!
    "the version number, from 1"
    version: Int!
    "SHA-256 of what was deployed: the same content is never deployed twice"
    hash: String!
    "when it was deployed (ISO 8601)"
    deployedAt: String!
    "e-mail of the analyst (or parvis-seed for shipped procedures)"
    deployedBy: String!
    "display name of the analyst, when an agent of the municipality"
    deployedByName: String
    "requests filed under this version"
    requestCount: Int!
  }

  "A version with what it is made of: the BPMN, its DMN files, its forms, its notification texts."
  type ProcedureVersionSource {
    "the procedure's key"
    procedureKey: String!
    "the version number"
    version: Int!
    "when it was deployed (ISO 8601)"
    deployedAt: String!
    "who deployed it (an agent id, or the seed)"
    deployedBy: String!
    "the deploying agent's name; null for the seed"
    deployedByName: String
    "the BPMN 2.0 XML of the model"
    bpmn: String!
    "the DMN files deployed with the model"
    decisions: [DmnFile!]!
    "its form-js schemas, by form id"
    forms: JSON!
    "its texts (mails, notices), by key and language"
    texts: JSON!
  }

  "A DMN 1.3 file deployed with a model: its file name and its XML."
  type DmnFile {
    "the file name"
    name: String!
    "the DMN 1.3 XML"
    xml: String!
  }

  "A DMN 1.3 file to deploy with a model."
  input DmnFileInput {
    "the file name, which problems name (fees.dmn)"
    name: String!
    "the DMN 1.3 XML"
    xml: String!
  }

  "A procedure's metadata as analysts edit it; fields left out stay as they are."
  input ProcedureMetadataInput {
    "the title in French"
    titleFr: String
    "the title in English"
    titleEn: String
    "what it is for, in French"
    descriptionFr: String
    "what it is for, in English"
    descriptionEn: String
    "each once; the catalogue filters by it"
    audience: [Audience!]
    "the department in charge, by name; empty for none"
    department: String
    "true: citizens see it in the catalogue"
    published: Boolean
  }

  "A procedure to deploy: its BPMN model, with its forms, texts and DMN files."
  input DeployProcedureInput {
    "the procedure's key: a new key makes a new procedure"
    key: String!
    "the BPMN 2.0 XML of the model"
    bpmn: String!
    "the DMN files whose decisions the model's business rule tasks call"
    decisions: [DmnFileInput!]
    "form-js schemas by form id"
    forms: JSON!
    "notification texts by event and language"
    texts: JSON
    "titles, for a new procedure"
    titleFr: String
    "the title in English, for a new procedure"
    titleEn: String
  }

  "What a deployment gave: the new version, or the same one when nothing changed."
  type Deployed {
    "the procedure's key"
    procedureKey: String!
    "the version now running new requests"
    version: Int!
    "false when the latest version already had this content"
    created: Boolean!
  }

  extend type Query {
    "Analysts: every procedure of the municipality, published or not."
    designerProcedures: [DesignerProcedure!]!
    "Analysts: one procedure."
    designerProcedure("the procedure's key" key: String!): DesignerProcedure
    "Analysts: a version's BPMN, forms and texts; the latest when no version is given."
    procedureVersionSource(
      "the procedure's key"
      key: String!
      "the version number; absent, the latest"
      version: Int
    ): ProcedureVersionSource
  }

  extend type Mutation {
    "Analysts: publishes a new immutable version; a model the engine cannot run is refused (PROCEDURE_INVALID, extensions.problems name each element and why)."
    deployProcedure("the BPMN and its forms, texts and DMN files" input: DeployProcedureInput!): Deployed!
    "Analysts: titles, descriptions, audience, department, published in the catalogue."
    updateProcedureMetadata(
      "the procedure's key"
      key: String!
      "fields left out stay as they are"
      metadata: ProcedureMetadataInput!
    ): DesignerProcedure!
  }
`;

const isObject = (value: unknown): value is Record<string, Json> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

function checkMetadata(metadata: ProcedureMetadata) {
  for (const [field, value] of [
    ['titleFr', metadata.titleFr],
    ['titleEn', metadata.titleEn],
  ] as const) {
    if (value !== undefined && value !== null && !value.trim())
      throw userError('BAD_USER_INPUT', `Le titre ne peut pas être vide. / The title cannot be empty (${field}).`, {
        field,
      });
  }
}

const versionFields = (row: VersionInfoRow) => ({
  procedureKey: row.procedure_key,
  version: row.version,
  hash: row.hash,
  deployedAt: row.deployed_at.toISOString(),
  deployedBy: row.deployed_by,
  deployedByName: row.deployed_by_name,
  requestCount: row.request_count,
});

export const designerResolvers: Resolvers = {
  Query: {
    designerProcedures: (_, __, ctx) => {
      const analyst = requireRole(ctx, 'analyst');
      return ctx.db.within(analyst.municipalityId, (tx) => designerRepository(tx).procedures());
    },
    designerProcedure: async (_, args, ctx) => {
      const analyst = requireRole(ctx, 'analyst');
      const [row] = await ctx.db.within(analyst.municipalityId, (tx) => designerRepository(tx).procedures(args.key));
      return row ?? null;
    },
    procedureVersionSource: async (_, args, ctx) => {
      const analyst = requireRole(ctx, 'analyst');
      const row = await ctx.db.within(analyst.municipalityId, (tx) =>
        designerRepository(tx).source(args.key, args.version),
      );
      return row
        ? { ...versionFields(row), bpmn: row.bpmn, decisions: row.decisions, forms: row.forms, texts: row.texts }
        : null;
    },
  },
  Mutation: {
    deployProcedure: async (_, { input }, ctx) => {
      const analyst = requireRole(ctx, 'analyst');
      if (!isObject(input.forms))
        throw userError('BAD_USER_INPUT', 'Les formulaires : un objet par identifiant. / forms: an object by form id.');
      const texts = input.texts ?? {};
      if (!isObject(texts))
        throw userError('BAD_USER_INPUT', 'Les textes : un objet par événement. / texts: an object by event.');
      const outcome = await ctx.db.within(analyst.municipalityId, (tx) =>
        publishVersion(
          tx,
          analyst.municipalityId,
          {
            key: input.key,
            bpmn: input.bpmn,
            decisions: input.decisions ?? [],
            forms: input.forms as Record<string, Json>,
            texts,
            ...(input.titleFr && input.titleEn ? { title: { fr: input.titleFr, en: input.titleEn } } : {}),
          },
          analyst.email,
        ),
      );
      if (!outcome.ok) {
        const first = outcome.problems[0]!;
        throw userError(
          'PROCEDURE_INVALID',
          `La démarche ne peut pas être publiée (${outcome.problems.length} problème(s)) : ${first.elementId ? `${first.elementId} — ` : ''}${first.messageFr ?? first.message} / The procedure cannot be published: ${first.elementId ? `${first.elementId} — ` : ''}${first.message}`,
          { problems: outcome.problems },
        );
      }
      return { procedureKey: input.key, version: outcome.version, created: outcome.created };
    },
    updateProcedureMetadata: async (_, args, ctx) => {
      const analyst = requireRole(ctx, 'analyst');
      checkMetadata(args.metadata);
      const metadata = args.metadata.audience
        ? { ...args.metadata, audience: [...new Set(args.metadata.audience)] }
        : args.metadata;
      const row = await ctx.db.within(analyst.municipalityId, async (tx) => {
        const repository = designerRepository(tx);
        if (!(await repository.updateMetadata(args.key, metadata))) return undefined;
        return (await repository.procedures(args.key))[0];
      });
      if (!row) throw userError('NOT_FOUND', `Démarche inconnue : ${args.key}. / No such procedure: ${args.key}.`);
      return row;
    },
  },
  DesignerProcedure: {
    titleFr: (p) => p.title_fr,
    titleEn: (p) => p.title_en,
    descriptionFr: (p) => p.description_fr,
    descriptionEn: (p) => p.description_en,
    updatedAt: (p) => p.updated_at.toISOString(),
    latestVersion: (p) => p.latest_version,
    versions: async (p, _, ctx) => {
      const analyst = requireRole(ctx, 'analyst');
      const rows = await ctx.db.within(analyst.municipalityId, (tx) => designerRepository(tx).versions(p.key));
      return rows.map(versionFields);
    },
  },
};

import type { ApiContext } from '../common/context.ts';
import { type ProcedureRow, procedureRepository } from './repository.ts';

export const procedureTypeDefs = /* GraphQL */ `
  "A procedure citizens can start: its title and the form of its latest version."
  type Procedure {
    key: String!
    title(lang: Lang = fr): String!
    version: Int!
    "form-js schema of the start form, if any"
    startForm: JSON
  }

  extend type Query {
    "Published procedures of a municipality."
    procedures(municipality: ID!): [Procedure!]!
    procedure(municipality: ID!, key: String!): Procedure
  }
`;

type ProcedureParent = ProcedureRow & { municipalityId: string };

export const procedureResolvers = {
  Query: {
    procedures: async (_: unknown, args: { municipality: string }, ctx: ApiContext) =>
      (await procedureRepository(ctx.sql).published(args.municipality)).map((row) => ({
        ...row,
        municipalityId: args.municipality,
      })),
    procedure: async (_: unknown, args: { municipality: string; key: string }, ctx: ApiContext) => {
      const row = await procedureRepository(ctx.sql).find(args.municipality, args.key);
      return row?.published ? { ...row, municipalityId: args.municipality } : null;
    },
  },
  Procedure: {
    title: (p: ProcedureParent, args: { lang: 'fr' | 'en' }) => (args.lang === 'en' ? p.title_en : p.title_fr),
    version: async (p: ProcedureParent, _: unknown, ctx: ApiContext) =>
      (await procedureRepository(ctx.sql).latestVersion(p.municipalityId, p.key))?.version,
    startForm: async (p: ProcedureParent, _: unknown, ctx: ApiContext) => {
      const latest = await procedureRepository(ctx.sql).latestVersion(p.municipalityId, p.key);
      return latest?.ir.startFormId ? latest.forms[latest.ir.startFormId] : null;
    },
  },
};

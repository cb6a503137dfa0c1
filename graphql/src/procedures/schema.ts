import { AUDIENCES } from '@parvis/engine';
import { loaderKey } from '../common/batch.ts';
import type { ApiContext } from '../common/context.ts';
import type { RequestRow } from '../requests/repository.ts';
import type { ProcedureRow } from './repository.ts';
import { procedureRepository } from './repository.ts';

export const procedureTypeDefs = /* GraphQL */ `
  "Who a procedure is for: households (particuliers), businesses (entreprises), associations."
  enum Audience {
    ${AUDIENCES.join('\n    ')}
  }

  "A procedure citizens can start: its title and the form of its latest version."
  type Procedure {
    key: String!
    title(lang: Lang = fr): String!
    "who it is for, as the analysts set it"
    audience: [Audience!]!
    version: Int!
    "form-js schema of the start form, if any"
    startForm: JSON
  }

  extend type Request {
    "form-js schema of the start form of the version the request runs on: its fields' and options' labels"
    startForm: JSON
  }

  extend type Query {
    "Published procedures of a municipality; those for one audience when it is given."
    procedures(municipality: ID!, audience: Audience): [Procedure!]!
    procedure(municipality: ID!, key: String!): Procedure
  }
`;

const latest = (p: ProcedureRow, ctx: ApiContext) =>
  ctx.loaders.latestVersion.load(loaderKey(p.municipality_id, p.key));

export const procedureResolvers = {
  Query: {
    procedures: (_: unknown, args: { municipality: string; audience?: string | null }, ctx: ApiContext) =>
      ctx.db.within(args.municipality, (tx) => procedureRepository(tx).published(args.audience)),
    procedure: async (_: unknown, args: { municipality: string; key: string }, ctx: ApiContext) => {
      const row = await ctx.db.within(args.municipality, (tx) => procedureRepository(tx).find(args.key));
      return row?.published ? row : null;
    },
  },
  Request: {
    startForm: (r: RequestRow, _: unknown, ctx: ApiContext) =>
      ctx.db.within(r.municipality_id, (tx) => procedureRepository(tx).startForm(r.procedure_key, r.version)),
  },
  Procedure: {
    title: (p: ProcedureRow, args: { lang: 'fr' | 'en' }) => (args.lang === 'en' ? p.title_en : p.title_fr),
    version: async (p: ProcedureRow, _: unknown, ctx: ApiContext) => (await latest(p, ctx))?.version,
    startForm: async (p: ProcedureRow, _: unknown, ctx: ApiContext) => {
      const version = await latest(p, ctx);
      return version?.ir.startFormId ? version.forms[version.ir.startFormId] : null;
    },
  },
};

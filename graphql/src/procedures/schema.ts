import { AUDIENCES, CHANNELS, type Channel, openChannels } from '@parvis/engine';
import { loaderKey } from '../common/batch.ts';
import type { ApiContext } from '../common/context.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import type { ProcedureRow } from './repository.ts';
import { procedureRepository } from './repository.ts';

export const procedureTypeDefs = /* GraphQL */ `
  "Who a procedure is for: households (particuliers), businesses (entreprises), associations."
  enum Audience {
    ${AUDIENCES.join('\n    ')}
  }

  "Where a request comes in: the portal (web), an Open311 app, an agent (counter, phone, post, fax, e-mail) or the intake (email, sms)."
  enum Channel {
    ${CHANNELS.join('\n    ')}
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
    "channels its latest version takes requests on (the designer's « Parvis — canaux » group); the portal lists only those open to web"
    channels: [Channel!]!
  }

  extend type Request {
    "form-js schema of the start form of the version the request runs on: its fields' and options' labels"
    startForm: JSON
  }

  extend type Query {
    """
    Published procedures of a municipality; those for one audience when it is given; those open to
    one channel when it is given (the portal's catalogue of online procedures asks for web).
    """
    procedures(municipality: ID!, audience: Audience, channel: Channel): [Procedure!]!
    "A published procedure; null when a channel is given that it is not open to."
    procedure(municipality: ID!, key: String!, channel: Channel): Procedure
  }
`;

const latest = (p: ProcedureRow, ctx: ApiContext) =>
  ctx.loaders.latestVersion.load(loaderKey(p.municipality_id, p.key));

/** The channels a procedure's latest version takes requests on. */
const channelsOf = async (p: ProcedureRow, ctx: ApiContext): Promise<Channel[]> => {
  const version = await latest(p, ctx);
  return version ? openChannels(version.ir.properties) : [];
};

const openTo = async (p: ProcedureRow, channel: Channel | null | undefined, ctx: ApiContext) =>
  !channel || (await channelsOf(p, ctx)).includes(channel);

export const procedureResolvers: Resolvers = {
  Query: {
    procedures: async (_, args, ctx) => {
      const rows = await ctx.db.within(args.municipality, (tx) => procedureRepository(tx).published(args.audience));
      const open = await Promise.all(rows.map((p) => openTo(p, args.channel, ctx)));
      return rows.filter((_p, i) => open[i]);
    },
    procedure: async (_, args, ctx) => {
      const row = await ctx.db.within(args.municipality, (tx) => procedureRepository(tx).find(args.key));
      return row?.published && (await openTo(row, args.channel, ctx)) ? row : null;
    },
  },
  Request: {
    startForm: (r, _, ctx) =>
      ctx.db.within(r.municipality_id, (tx) => procedureRepository(tx).startForm(r.procedure_key, r.version)),
  },
  Procedure: {
    title: (p, args) => (args.lang === 'en' ? p.title_en : p.title_fr),
    // A published procedure has a version.
    version: async (p, _, ctx) => (await latest(p, ctx))!.version,
    startForm: async (p, _, ctx) => {
      const version = await latest(p, ctx);
      return version?.ir.startFormId ? version.forms[version.ir.startFormId] : null;
    },
    channels: (p, _, ctx) => channelsOf(p, ctx),
  },
};

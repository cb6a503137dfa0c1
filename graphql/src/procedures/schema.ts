import { AUDIENCES, type Audience, CHANNELS, type Channel, openChannels } from '@parvis/engine';
import { loaderKey } from '../common/batch.ts';
import type { ApiContext } from '../common/context.ts';
import { enumValues } from '../common/enum-words.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import type { ProcedureRow } from './repository.ts';
import { procedureRepository } from './repository.ts';

const AUDIENCE_WORDS: Record<Audience, string> = {
  households: 'people and families (particuliers)',
  businesses: 'companies and traders (entreprises)',
  associations: 'associations (loi 1901)',
};

const CHANNEL_WORDS: Record<Channel, string> = {
  web: 'the citizen portal (en ligne)',
  open311: 'an Open311 GeoReport v2 application',
  counter: "an agent, at the town hall's desk (guichet)",
  phone: 'an agent, by telephone (téléphone)',
  post: 'an agent, by post (courrier)',
  fax: 'an agent, by fax (télécopie)',
  email: 'an e-mail to the intake address, or an agent (courriel)',
  sms: 'a text message to the intake number (SMS)',
};

export const procedureTypeDefs = /* GraphQL */ `
  "Who a procedure is for: households (particuliers), businesses (entreprises), associations."
  enum Audience {
    ${enumValues(AUDIENCES, AUDIENCE_WORDS)}
  }

  "Where a request comes in: the portal (web), an Open311 app, an agent (counter, phone, post, fax, e-mail) or the intake (email, sms)."
  enum Channel {
    ${enumValues(CHANNELS, CHANNEL_WORDS)}
  }

  "A procedure citizens can start: its title and the form of its latest version."
  type Procedure {
    "the procedure's key, stable across versions (e.g. signalement)"
    key: String!
    "its title, in the language asked"
    title("language of the text: FR (the default) or EN" lang: Lang = FR): String!
    "who it is for, as the analysts set it"
    audience: [Audience!]!
    "the number of its latest published version"
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
    one channel when it is given (the portal's catalogue of online procedures asks for WEB).
    """
    procedures(
      "the town's id (its slug, e.g. demo)"
      municipality: ID!
      "only the procedures for this audience"
      audience: Audience
      "only the procedures open to this channel (the portal asks for WEB)"
      channel: Channel
    ): [Procedure!]!
    "A published procedure; null when a channel is given that it is not open to."
    procedure(
      "the town's id (its slug, e.g. demo)"
      municipality: ID!
      "the procedure's key"
      key: String!
      "null when the procedure is not open to this channel"
      channel: Channel
    ): Procedure
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

import { type ApiContext, requireCitizen } from '../common/context.ts';
import { requireRole } from '../common/roles.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { type Audience, findProvider, type ProviderSettings } from './providers.ts';
import { type ProviderInput, saveProvider } from './settings.ts';

export const oidcTypeDefs = /* GraphQL */ `
  "A way to sign in through an OpenID provider, as the sign-in pages offer it."
  type SignInOption {
    "agents or citizens"
    audience: String!
    label: String!
    "Where the browser goes to sign in (GET)."
    startUrl: String!
  }

  "Administrators: the town's OpenID provider for agents or citizens (the secret is never shown)."
  type SignInProviderSettings {
    audience: String!
    label: String!
    issuer: String!
    clientId: String!
    scopes: String!
    acrValues: String
    groupsClaim: String
    groupMapping: [GroupMappingEntry!]!
    "The address to register with the provider as redirect URI (this host)."
    redirectPath: String!
  }

  type GroupMappingEntry {
    value: String!
    groups: [String!]!
  }

  input GroupMappingInput {
    value: String!
    groups: [String!]!
  }

  input SignInProviderInput {
    audience: String!
    label: String!
    issuer: String!
    clientId: String!
    "Unset on a change: the stored secret stays."
    clientSecret: String
    scopes: String
    "FranceConnect: eidas1"
    acrValues: String
    groupsClaim: String
    groupMapping: [GroupMappingInput!]
  }

  extend type Query {
    "How one may sign in to this town besides passwords: agents' directory, FranceConnect."
    signInOptions(municipality: ID!, audience: String!): [SignInOption!]!
    "Administrators: the town's OpenID providers."
    signInProviders: [SignInProviderSettings!]!
    "Citizens: whether my account is linked to a FranceConnect identity (its logout then goes through FranceConnect)."
    myFranceConnect: Boolean!
  }

  extend type Mutation {
    "Administrators: sets the town's OpenID provider for agents or citizens (checked by discovery)."
    saveSignInProvider(provider: SignInProviderInput!): SignInProviderSettings!
  }
`;

const shown = (p: ProviderSettings) => ({
  ...p,
  groupMapping: Object.entries(p.groupMapping).map(([value, groups]) => ({ value, groups })),
  redirectPath: `/auth/${p.municipalityId}/${p.audience}/callback`,
});

export const oidcResolvers: Resolvers = {
  Query: {
    signInOptions: async (_: unknown, args: { municipality: string; audience: string }, ctx: ApiContext) => {
      if ((args.audience !== 'agents' && args.audience !== 'citizens') || !/^[a-z0-9-]{1,64}$/.test(args.municipality))
        return [];
      const audience = args.audience as Audience;
      const provider = await ctx.db.within(args.municipality, (tx) => findProvider(tx, audience));
      return provider
        ? [{ audience, label: provider.label, startUrl: `/auth/${args.municipality}/${audience}/start` }]
        : [];
    },
    myFranceConnect: async (_: unknown, __: unknown, ctx: ApiContext) => {
      const citizen = requireCitizen(ctx);
      const [row] = await ctx.db.within(
        citizen.municipalityId,
        (tx) => tx<{ linked: boolean }[]>`select franceconnect_subject is not null as linked from citizens
          where id = ${citizen.id}`,
      );
      return row?.linked ?? false;
    },
    signInProviders: async (_: unknown, __: unknown, ctx: ApiContext) => {
      const agent = requireRole(ctx, 'administrator');
      const found = await ctx.db.within(agent.municipalityId, async (tx) => [
        await findProvider(tx, 'agents'),
        await findProvider(tx, 'citizens'),
      ]);
      return found.filter((p): p is ProviderSettings => !!p).map(shown);
    },
  },
  Mutation: {
    saveSignInProvider: async (_: unknown, args: { provider: ProviderInput }, ctx: ApiContext) =>
      shown(await saveProvider(ctx, args.provider)),
  },
};

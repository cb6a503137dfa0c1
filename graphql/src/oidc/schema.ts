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
    "the button's text (e.g. the provider's name)"
    label: String!
    "Where the browser goes to sign in (GET)."
    startUrl: String!
  }

  "Administrators: the town's OpenID provider for agents or citizens (the secret is never shown)."
  type SignInProviderSettings {
    "agents or citizens"
    audience: String!
    "the sign-in button's text"
    label: String!
    "the provider's issuer URL (its discovery document is read there)"
    issuer: String!
    "the client id the provider gave the town"
    clientId: String!
    "the scopes asked for, space-separated"
    scopes: String!
    "the authentication level asked for; null for the default"
    acrValues: String
    "the ID token's claim that names an agent's groups; null: groups are set in Parvis"
    groupsClaim: String
    "which Parvis groups each value of the groups claim gives"
    groupMapping: [GroupMappingEntry!]!
    "The address to register with the provider as redirect URI (this host)."
    redirectPath: String!
  }

  "A value of the provider's groups claim and the Parvis groups it gives."
  type GroupMappingEntry {
    "a value of the groups claim"
    value: String!
    "keys of the Parvis groups it gives"
    groups: [String!]!
  }

  "A value of the provider's groups claim and the Parvis groups it gives."
  input GroupMappingInput {
    "a value of the groups claim"
    value: String!
    "keys of the Parvis groups it gives"
    groups: [String!]!
  }

  "The town's OpenID provider for agents or citizens, as an administrator sets it."
  input SignInProviderInput {
    "agents or citizens"
    audience: String!
    "the sign-in button's text"
    label: String!
    "the provider's issuer URL"
    issuer: String!
    "the client id the provider gave the town"
    clientId: String!
    "Unset on a change: the stored secret stays."
    clientSecret: String
    "the scopes to ask for, space-separated; absent, openid email profile"
    scopes: String
    "FranceConnect: eidas1"
    acrValues: String
    "the ID token's claim naming an agent's groups"
    groupsClaim: String
    "which Parvis groups each value of the groups claim gives"
    groupMapping: [GroupMappingInput!]
  }

  extend type Query {
    "How one may sign in to this town besides passwords: agents' directory, FranceConnect."
    signInOptions(
      "the town's id (its slug, e.g. demo)"
      municipality: ID!
      "agents or citizens"
      audience: String!
    ): [SignInOption!]!
    "Administrators: the town's OpenID providers."
    signInProviders: [SignInProviderSettings!]!
    "Citizens: whether my account is linked to a FranceConnect identity (its logout then goes through FranceConnect)."
    myFranceConnect: Boolean!
  }

  extend type Mutation {
    "Administrators: sets the town's OpenID provider for agents or citizens (checked by discovery)."
    saveSignInProvider(
      "the provider, as the administrator fills it in"
      provider: SignInProviderInput!
    ): SignInProviderSettings!
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

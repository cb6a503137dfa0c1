import type { ApiContext } from '../common/context.ts';
import { closeSession, SESSION_COOKIE } from './sessions.ts';
import { signInAgent } from './sign-in.ts';

export const agentTypeDefs = /* GraphQL */ `
  "A municipal agent, signed in."
  type Agent {
    id: ID!
    email: String!
    displayName: String!
    municipality: ID!
    roles: [String!]!
    groups: [String!]!
  }

  extend type Query {
    "The signed-in agent, or null."
    me: Agent
  }

  extend type Mutation {
    "Opens a session in an HTTP-only cookie."
    signIn(municipality: ID!, email: String!, password: String!): Agent!
    signOut: Boolean!
  }
`;

export const agentResolvers = {
  Query: { me: (_: unknown, __: unknown, ctx: ApiContext) => ctx.agent ?? null },
  Mutation: {
    signIn: (_: unknown, args: { municipality: string; email: string; password: string }, ctx: ApiContext) =>
      signInAgent(ctx, args.municipality, args.email, args.password),
    signOut: async (_: unknown, __: unknown, ctx: ApiContext) => {
      const token = ctx.req.cookies?.[SESSION_COOKIE];
      if (token && ctx.agent) await ctx.db.within(ctx.agent.municipalityId, (tx) => closeSession(tx, token));
      ctx.res.clearCookie(SESSION_COOKIE, { path: '/' });
      return true;
    },
  },
  Agent: { municipality: (a: { municipalityId: string }) => a.municipalityId },
};

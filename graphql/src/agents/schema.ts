import type { ApiContext } from '../common/context.ts';
import { userError } from '../common/errors.ts';
import { checkSignInRate, recordSignIn } from '../common/rate-limit.ts';
import { verifyPassword } from './password.ts';
import { closeSession, openSession, SESSION_COOKIE } from './sessions.ts';

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
    signIn: async (_: unknown, args: { municipality: string; email: string; password: string }, ctx: ApiContext) => {
      const email = args.email.trim().toLowerCase();
      const account = `agent:${email}`;
      const client = `ip:${ctx.req.ip ?? 'unknown'}`;
      await checkSignInRate(ctx.db, args.municipality, account, client);
      const [row] = await ctx.db.within(
        args.municipality,
        (tx) => tx<
          {
            id: string;
            password_hash: string;
            email: string;
            display_name: string;
            roles: string[];
            groups: string[];
          }[]
        >`select id, password_hash, email, display_name, roles, groups from agents
          where email = ${email}`,
      );
      const ok = !!row && (await verifyPassword(args.password, row.password_hash));
      await recordSignIn(ctx.db, args.municipality, account, client, ok);
      if (!row || !ok) {
        throw userError('UNAUTHENTICATED', 'E-mail ou mot de passe incorrect. / Wrong e-mail or password.');
      }
      const agent = { id: row.id, municipalityId: args.municipality };
      const session = await ctx.db.within(args.municipality, (tx) => openSession(tx, agent));
      ctx.res.cookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.req.secure,
        expires: session.expiresAt,
        path: '/',
      });
      return {
        id: row.id,
        email: row.email,
        displayName: row.display_name,
        municipalityId: args.municipality,
        roles: row.roles,
        groups: row.groups,
      };
    },
    signOut: async (_: unknown, __: unknown, ctx: ApiContext) => {
      const token = ctx.req.cookies?.[SESSION_COOKIE];
      if (token && ctx.agent) await ctx.db.within(ctx.agent.municipalityId, (tx) => closeSession(tx, token));
      ctx.res.clearCookie(SESSION_COOKIE, { path: '/' });
      return true;
    },
  },
  Agent: { municipality: (a: { municipalityId: string }) => a.municipalityId },
};

import type { ApiContext } from '../common/context.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { beginTotpEnrolment, confirmTotpEnrolment, hasConfirmedTotp } from './enrolment.ts';
import { closeSession, SESSION_COOKIE } from './sessions.ts';
import { signInAgent } from './sign-in.ts';

export const agentTypeDefs = /* GraphQL */ `
  "A municipal agent, signed in."
  type Agent {
    "the agent's id"
    id: ID!
    "their e-mail address, which they sign in with"
    email: String!
    "their name, as colleagues and citizens read it"
    displayName: String!
    "their town's id"
    municipality: ID!
    "agent, manager, analyst, administrator"
    roles: [String!]!
    "keys of their groups"
    groups: [String!]!
    "Whether the agent signs in with a TOTP code besides the password."
    secondFactor: Boolean!
  }

  "A TOTP set-up under way: the authenticator app reads the QR code (or the address, or the secret typed)."
  type TotpEnrolment {
    "Given back with the first code."
    challenge: String!
    "the shared secret, base32, for an app that cannot read the QR code"
    secret: String!
    "otpauth:// address"
    uri: String!
    "The address as a QR code: an SVG data URL."
    qrCode: String!
  }

  extend type Query {
    "The signed-in agent, or null."
    me: Agent
  }

  extend type Mutation {
    """
    Opens a session in an HTTP-only cookie. An agent with TOTP adds \`code\`; without it the error
    (UNAUTHENTICATED) says \`secondFactor: "code"\`. An administrator without TOTP is refused with
    \`secondFactor: "enrol"\` and a \`challenge\` for beginTotpEnrolment.
    """
    signIn(
      "the town's id (its slug, e.g. demo)"
      municipality: ID!
      "the agent's e-mail address"
      email: String!
      "the password, as typed"
      password: String!
      "the 6-digit code of the authenticator app, when TOTP is set up"
      code: String
    ): Agent!
    "Agents: closes this session and clears its cookie. HTTP only."
    signOut: Boolean!
    "Starts a TOTP set-up: the signed-in agent's, or with the challenge a refused administrator's sign-in gave."
    beginTotpEnrolment(
      "the town's id (its slug, e.g. demo)"
      municipality: ID!
      "the challenge a refused sign-in gave"
      challenge: String
    ): TotpEnrolment!
    "Ends the set-up with the app's first code; from a sign-in's challenge it also opens the session."
    confirmTotpEnrolment(
      "the town's id (its slug, e.g. demo)"
      municipality: ID!
      "the challenge a refused sign-in gave"
      challenge: String!
      "the 6-digit code of the authenticator app"
      code: String!
    ): Agent!
  }
`;

export const agentResolvers: Resolvers = {
  Query: { me: (_: unknown, __: unknown, ctx: ApiContext) => ctx.agent ?? null },
  Mutation: {
    signIn: (_, args, ctx) => signInAgent(ctx, args.municipality, args.email, args.password, args.code),
    signOut: async (_, __, ctx) => {
      const token = ctx.req.cookies?.[SESSION_COOKIE];
      if (token && ctx.agent) await ctx.db.within(ctx.agent.municipalityId, (tx) => closeSession(tx, token));
      ctx.res.clearCookie(SESSION_COOKIE, { path: '/' });
      return true;
    },
    beginTotpEnrolment: (_, args, ctx) => beginTotpEnrolment(ctx, args.municipality, args.challenge ?? null),
    confirmTotpEnrolment: (_, args, ctx) => confirmTotpEnrolment(ctx, args.municipality, args.challenge, args.code),
  },
  Agent: {
    municipality: (a) => a.municipalityId,
    secondFactor: (a, _, ctx) => hasConfirmedTotp(ctx, a),
  },
};

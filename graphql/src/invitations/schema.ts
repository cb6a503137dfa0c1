import { userError } from '../common/errors.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import {
  acceptInvitation,
  findInvitation,
  type InvitationProblem,
  MIN_PASSWORD_LENGTH,
  type OpenInvitation,
} from './accept.ts';

export const invitationTypeDefs = /* GraphQL */ `
  "Someone invited to become an agent of a town, as the invitation's link shows it."
  type Invitation {
    "the address invited"
    email: String!
    "the invited agent's name"
    displayName: String!
    "the roles they will have"
    roles: [String!]!
  }

  extend type Query {
    "Anyone holding the link: the invitation its token opens (LINK_INVALID, with a reason, when it does not)."
    invitation(
      "the town's id (its slug, e.g. demo)"
      municipality: ID!
      "the invitation link's token"
      token: String!
    ): Invitation!
  }

  extend type Mutation {
    "Accepts an invitation with a chosen password (12 characters or more): the agent is created, and signs in as any agent (an administrator then sets up a second factor)."
    acceptInvitation(
      "the town's id (its slug, e.g. demo)"
      municipality: ID!
      "the single-use token the e-mail link carries"
      token: String!
      "the password, as typed"
      password: String!
    ): Invitation!
  }
`;

const REFUSALS: Record<InvitationProblem, string> = {
  unknown: "Ce lien d'invitation n'existe pas. / This invitation link does not exist.",
  used: "Ce lien d'invitation a déjà servi : connectez-vous avec votre mot de passe. / This invitation link was already used: sign in with your password.",
  expired:
    "Ce lien d'invitation a expiré : demandez une nouvelle invitation à l'administrateur. / This invitation link has expired: ask the administrator for a new one.",
};

const refused = (problem: InvitationProblem) => userError('LINK_INVALID', REFUSALS[problem], { reason: problem });

export const invitationResolvers: Resolvers = {
  Query: {
    invitation: async (_, args, ctx) => {
      const found = await ctx.db.within(args.municipality, (tx) => findInvitation(tx, args.token));
      if (typeof found === 'string') throw refused(found);
      return found;
    },
  },
  Mutation: {
    acceptInvitation: async (_, args, ctx): Promise<OpenInvitation> => {
      if (args.password.length < MIN_PASSWORD_LENGTH) {
        throw userError(
          'BAD_USER_INPUT',
          `Le mot de passe doit compter au moins ${MIN_PASSWORD_LENGTH} caractères. / The password needs at least ${MIN_PASSWORD_LENGTH} characters.`,
          { field: 'password' },
        );
      }
      return ctx.db.within(args.municipality, async (tx) => {
        const invited = await findInvitation(tx, args.token);
        const accepted = await acceptInvitation(tx, args.municipality, args.token, args.password);
        if (typeof accepted === 'string' || typeof invited === 'string')
          throw refused(typeof invited === 'string' ? invited : (accepted as InvitationProblem));
        return invited;
      });
    },
  },
};

import type { ApiContext } from '../common/context.ts';
import { pageSize } from '../common/limits.ts';
import { requireRole } from '../common/roles.ts';
import { type CitizenRow, citizenRepository } from './repository.ts';

export const citizenTypeDefs = /* GraphQL */ `
  "A person the municipality knows, with or without an account."
  type Citizen {
    id: ID!
    firstName: String
    lastName: String
    email: String
    phone: String
    addresses: [Address!]!
    notificationPreferences: NotificationPreferences!
  }

  type Address {
    label: String
    street: String!
    postalCode: String!
    city: String!
  }

  type NotificationPreferences {
    email: Boolean!
    sms: Boolean!
  }

  "A known citizen (id), or the identity of one to create."
  input CitizenInput {
    id: ID
    firstName: String
    lastName: String
    email: String
    phone: String
  }

  extend type Query {
    "Agents: citizens of the municipality whose name, e-mail or phone matches, by name."
    searchCitizens(query: String!, first: Int = 20): [Citizen!]!
  }
`;

export const citizenResolvers = {
  Query: {
    searchCitizens: (_: unknown, args: { query: string; first: number }, ctx: ApiContext) => {
      const agent = requireRole(ctx, 'agent', 'manager', 'administrator');
      if (args.query.trim().length < 2) return [];
      return ctx.db.within(agent.municipalityId, (tx) =>
        citizenRepository(tx).search(args.query, pageSize(args.first)),
      );
    },
  },
  Citizen: {
    firstName: (c: CitizenRow) => c.first_name,
    lastName: (c: CitizenRow) => c.last_name,
    notificationPreferences: (c: CitizenRow) => c.notification_preferences,
  },
};

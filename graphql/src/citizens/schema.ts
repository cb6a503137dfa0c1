import { auditSource, recordAudit } from '../audit/record.ts';
import { pageSize } from '../common/limits.ts';
import { CASEWORKERS, hasRole, requireRole } from '../common/roles.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { createCitizen } from './create.ts';
import { loadCitizenRecord } from './record.ts';
import { citizenRepository } from './repository.ts';

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

  "A citizen to create at the front desk: at least a name, an e-mail or a phone number."
  input NewCitizenInput {
    firstName: String
    lastName: String
    email: String
    phone: String
    "where letters go"
    address: AddressInput
    "how they want to hear from the town hall (default: e-mail)"
    notificationPreferences: NotificationPreferencesInput
  }

  "Which way an exchange went: from the citizen (incoming) or to them (outgoing)."
  enum ContactDirection {
    incoming
    outgoing
  }

  "What an exchange was: a request filed, an answer the citizen sent, the receipt, another message to them."
  enum ContactKind {
    requestFiled
    answerReceived
    acknowledged
    notified
  }

  "One exchange between a citizen and the town hall, on any channel."
  type CitizenContact {
    at: String!
    direction: ContactDirection!
    "web, counter, phone, post, fax, email, sms, open311"
    channel: String!
    kind: ContactKind!
    trackingCode: String!
    "the agent who registered the request at the front desk"
    registeredBy: String
    "what a message to the citizen was about (acknowledgement, implicitDecision…)"
    event: String
  }

  "An agent's page on a citizen: who they are, how to reach them, their requests and exchanges."
  type CitizenRecord {
    citizen: Citizen!
    "the agent who created the record at the front desk"
    createdBy: String
    createdAt: String!
    "their requests this agent may see (managers: all of the town's), newest first"
    requests: [Request!]!
    "their exchanges with the town hall on those requests, newest first"
    contacts: [CitizenContact!]!
  }

  extend type Request {
    "Agents (not analysts): the citizen's record the request belongs to (citizenRecord), if any; null for anyone else."
    citizenId: ID
  }

  extend type Query {
    "Agents: citizens of the municipality whose name, e-mail or phone matches, by name."
    searchCitizens(query: String!, first: Int = 20): [Citizen!]!
    "Agents (not analysts): a citizen's record; NOT_FOUND for one of another town, as for an unknown id."
    citizenRecord(id: ID!): CitizenRecord!
  }

  extend type Mutation {
    "Agents: creates a citizen's record at the front desk; CITIZEN_EXISTS (with citizenId) when the e-mail or phone is already on record."
    createCitizen(citizen: NewCitizenInput!): Citizen!
  }
`;

export const citizenResolvers: Resolvers = {
  Mutation: {
    createCitizen: (_, args, ctx) => {
      const agent = requireRole(ctx, ...CASEWORKERS);
      return createCitizen(ctx, agent, args.citizen);
    },
  },
  Query: {
    citizenRecord: (_, args, ctx) => {
      const agent = requireRole(ctx, ...CASEWORKERS);
      return ctx.db.within(agent.municipalityId, async (tx) => {
        const record = await loadCitizenRecord(tx, agent, args.id);
        await recordAudit(tx, {
          ...auditSource(ctx),
          municipalityId: agent.municipalityId,
          action: 'citizen-record.viewed',
          target: `citizen:${record.citizen.id}`,
        });
        return record;
      });
    },
    searchCitizens: (_, args, ctx) => {
      const agent = requireRole(ctx, 'agent', 'manager', 'administrator');
      if (args.query.trim().length < 2) return [];
      return ctx.db.within(agent.municipalityId, (tx) =>
        citizenRepository(tx).search(args.query, pageSize(args.first)),
      );
    },
  },
  Request: {
    citizenId: (r, _, ctx) => (ctx.agent && hasRole(ctx.agent, ...CASEWORKERS) ? r.citizen_id : null),
  },
  CitizenRecord: {
    createdAt: (r) => r.citizen.created_at.toISOString(),
  },
  CitizenContact: {
    at: (c) => c.at.toISOString(),
  },
  Citizen: {
    firstName: (c) => c.first_name,
    lastName: (c) => c.last_name,
    notificationPreferences: (c) => c.notification_preferences,
  },
};

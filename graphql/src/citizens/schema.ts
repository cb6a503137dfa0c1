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
    "the citizen's id"
    id: ID!
    "first name (prénom)"
    firstName: String
    "last name (nom)"
    lastName: String
    "e-mail address; null when they gave none"
    email: String
    "phone number; null when they gave none"
    phone: String
    "their postal addresses"
    addresses: [Address!]!
    "how they want to hear from the town hall"
    notificationPreferences: NotificationPreferences!
  }

  "A postal address of a citizen."
  type Address {
    "a name for it (home, work); null when none"
    label: String
    "number and street"
    street: String!
    "postal code (code postal)"
    postalCode: String!
    "town (commune)"
    city: String!
  }

  "How a citizen wants to hear from the town hall."
  type NotificationPreferences {
    "by e-mail"
    email: Boolean!
    "by text message"
    sms: Boolean!
  }

  "A known citizen (id), or the identity of one to create."
  input CitizenInput {
    "a citizen the town knows; the other fields are then ignored"
    id: ID
    "first name (prénom)"
    firstName: String
    "last name (nom)"
    lastName: String
    "e-mail address"
    email: String
    "phone number"
    phone: String
  }

  "A citizen to create at the front desk: at least a name, an e-mail or a phone number."
  input NewCitizenInput {
    "first name (prénom)"
    firstName: String
    "last name (nom)"
    lastName: String
    "e-mail address"
    email: String
    "phone number"
    phone: String
    "where letters go"
    address: AddressInput
    "how they want to hear from the town hall (default: e-mail)"
    notificationPreferences: NotificationPreferencesInput
  }

  "Which way an exchange went: from the citizen (incoming) or to them (outgoing)."
  enum ContactDirection {
    "from the citizen to the town hall (entrant)"
    INCOMING
    "from the town hall to the citizen (sortant)"
    OUTGOING
  }

  "What an exchange was: a request filed, an answer the citizen sent, the receipt, another message to them."
  enum ContactKind {
    "the citizen filed a request (demande déposée)"
    REQUEST_FILED
    "the citizen answered a question of the town hall (réponse reçue)"
    ANSWER_RECEIVED
    "the town hall sent the acknowledgement of receipt (accusé de réception)"
    ACKNOWLEDGED
    "the town hall sent another message: a status change, a question, a decision (notification)"
    NOTIFIED
  }

  "One exchange between a citizen and the town hall, on any channel."
  type CitizenContact {
    "when (ISO 8601)"
    at: String!
    "from the citizen, or to them"
    direction: ContactDirection!
    "web, counter, phone, post, fax, email, sms, open311"
    channel: String!
    "what the exchange was"
    kind: ContactKind!
    "the request it was about"
    trackingCode: String!
    "the agent who registered the request at the front desk"
    registeredBy: String
    "what a message to the citizen was about (acknowledgement, implicitDecision…)"
    event: String
  }

  "An agent's page on a citizen: who they are, how to reach them, their requests and exchanges."
  type CitizenRecord {
    "who they are and how to reach them"
    citizen: Citizen!
    "the agent who created the record at the front desk"
    createdBy: String
    "when the town first knew them (ISO 8601)"
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
    searchCitizens(
      "a name, an e-mail address or a phone number, in part"
      query: String!
      "how many items to answer at most"
      first: Int = 20
    ): [Citizen!]!
    "Agents (not analysts): a citizen's record; NOT_FOUND for one of another town, as for an unknown id."
    citizenRecord("the citizen's id" id: ID!): CitizenRecord!
  }

  extend type Mutation {
    "Agents: creates a citizen's record at the front desk; CITIZEN_EXISTS (with citizenId) when the e-mail or phone is already on record."
    createCitizen("who they are and how to reach them" citizen: NewCitizenInput!): Citizen!
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

import { userError } from '../common/errors.ts';
import { requireRole } from '../common/roles.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { registerRequest } from './register.ts';

export const intakeTypeDefs = /* GraphQL */ `
  "Where an agent received a request on a citizen's behalf."
  enum AgentChannel {
    "at the town hall's desk (guichet)"
    COUNTER
    "by telephone (téléphone)"
    PHONE
    "by post (courrier)"
    POST
    "by fax (télécopie)"
    FAX
    "by e-mail to an agent (courriel)"
    EMAIL
  }

  extend type Request {
    "false when the e-mail intake could not verify who sent the request (see senderCheck in data); null when not filed by the intake"
    senderVerified: Boolean
  }

  "How the citizen hears back about a request an agent registered."
  enum ReplyMeans {
    "to their e-mail address"
    EMAIL
    "by text message (a phone call, or when they asked for them)"
    SMS
    "a letter to print, with the town's letterhead and the tracking code (by post, or no other way)"
    LETTER
  }

  extend type Submitted {
    "A registered request: how the reply goes back (null for the citizen's own submission)."
    replyBy: [ReplyMeans!]
    "A registered request: the citizen's record it joined (found, or created)."
    citizenId: ID
  }

  extend type Mutation {
    """
    Agents: files a request received at the counter, by phone, by post, by fax or by e-mail on a
    citizen's behalf (a known citizen by id, else found by e-mail or created; a new identity with
    another record's phone: CITIZEN_EXISTS); returns the tracking code and how the reply goes back.
    """
    registerRequest(
      "the procedure's key" procedure: String!
      "where the agent received the request" channel: AgentChannel!
      "a known citizen, or one to create" citizen: CitizenInput!
      "the start form's values, by field key" data: JSON!
      "uploads sent as scans (field $scans of the upload route): the letter, the fax, the papers brought in"
      scans: [ID!]
      "ISO 8601: when the town hall received it, when earlier than now (a letter's arrival stamp); the legal delays count from then. Not in the future, nor more than 60 days ago."
      receivedAt: String
    ): Submitted!
  }
`;

export const intakeResolvers: Resolvers = {
  Request: {
    senderVerified: (r) => (typeof r.data.senderVerified === 'boolean' ? r.data.senderVerified : null),
  },
  Mutation: {
    registerRequest: (_, args, ctx) => {
      const agent = requireRole(ctx, 'agent', 'manager', 'administrator');
      if (!args.data || typeof args.data !== 'object' || Array.isArray(args.data)) {
        throw userError('BAD_USER_INPUT', 'data doit être un objet JSON. / data must be a JSON object.', {
          field: 'data',
        });
      }
      return registerRequest(ctx, agent, {
        procedureKey: args.procedure,
        channel: args.channel,
        citizen: args.citizen,
        data: args.data as Record<string, unknown>,
        scans: args.scans,
        receivedAt: args.receivedAt,
      });
    },
  },
};

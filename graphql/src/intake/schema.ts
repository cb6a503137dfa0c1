import type { ApiContext } from '../common/context.ts';
import { userError } from '../common/errors.ts';
import { requireRole } from '../common/roles.ts';
import type { RequestRow } from '../requests/repository.ts';
import { type Registration, registerRequest } from './register.ts';

export const intakeTypeDefs = /* GraphQL */ `
  "Where an agent received a request on a citizen's behalf."
  enum AgentChannel {
    counter
    phone
    post
    fax
    email
  }

  extend type Request {
    "false when the e-mail intake could not verify who sent the request (see senderCheck in data); null when not filed by the intake"
    senderVerified: Boolean
  }

  extend type Mutation {
    """
    Agents: files a request received at the counter, by phone, by post, by fax or by e-mail on a
    citizen's behalf (a known citizen by id, else found by e-mail or created); returns the tracking code.
    """
    registerRequest(procedure: String!, channel: AgentChannel!, citizen: CitizenInput!, data: JSON!): Submitted!
  }
`;

export const intakeResolvers = {
  Request: {
    senderVerified: (r: RequestRow) => (typeof r.data.senderVerified === 'boolean' ? r.data.senderVerified : null),
  },
  Mutation: {
    registerRequest: (
      _: unknown,
      args: { procedure: string; channel: Registration['channel']; citizen: Registration['citizen']; data: unknown },
      ctx: ApiContext,
    ) => {
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
      });
    },
  },
};

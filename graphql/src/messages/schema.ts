import { userError } from '../common/errors.ts';
import { requireRole } from '../common/roles.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { checkMessage, publishInTown } from './publish.ts';
import { renewWebhookSecret } from './webhook-secret.ts';

export const messageTypeDefs = /* GraphQL */ `
  "What became of a published message."
  type PublishedMessage {
    "tracking codes of the waiting requests it reached (name and correlation key)"
    correlated: [String!]!
    "tracking codes of the requests a message start event of that name started"
    started: [String!]!
    "no request took it: it waits for one within its time to live"
    buffered: Boolean!
    "end of its time to live, when buffered (ISO 8601)"
    expiresAt: String
    "a message with this messageId was already published in the town: nothing was done"
    duplicate: Boolean!
  }

  extend type Mutation {
    """
    Publishes a message in the administrator's town, as a BPMN message throw would: it reaches the
    requests waiting for its name and correlation key, else starts the procedures whose message start
    event has its name, else waits timeToLive milliseconds (0 by default) for a request to wait for it.
    A messageId publishes it once. Administrators.
    """
    publishMessage(
      "the message's name, as the model's catch event names it" name: String!
      "the value the waiting requests are correlated on" correlationKey: String
      "values merged into the request's data" variables: JSON
      "milliseconds the message waits for a request to catch it" timeToLive: Float
      "an id that makes a second publication of the same message a no-op" messageId: String
    ): PublishedMessage!
    "A new secret for signing calls to POST /webhooks/messages (the previous one stops working). Shown once. Administrators."
    renewMessageWebhookSecret: String!
  }
`;

export const messageResolvers: Resolvers = {
  Mutation: {
    async publishMessage(_, args, ctx) {
      const agent = requireRole(ctx, 'administrator');
      const message = checkMessage(args);
      if ('problem' in message) throw userError('BAD_USER_INPUT', message.problem);
      return publishInTown(ctx.temporal, agent.municipalityId, message, agent.displayName);
    },

    renewMessageWebhookSecret(_, __, ctx) {
      const agent = requireRole(ctx, 'administrator');
      return ctx.db.within(agent.municipalityId, (tx) => renewWebhookSecret(tx, agent.municipalityId, agent.email));
    },
  },
};

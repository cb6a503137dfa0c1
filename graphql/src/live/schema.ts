import { requireRole } from '../common/roles.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { findTrackedRequest } from '../requests/find.ts';
import { liveStream } from './stream.ts';
import { inboxTasksAmong, mayConcernInbox, requestsAmong } from './visibility.ts';

export const liveTypeDefs = /* GraphQL */ `
  "The agent's inbox changed: read it again."
  type InboxChange {
    "tasks opened, claimed, released, reassigned, completed or cancelled since the last event; empty when too many changed at once to name them"
    taskIds: [ID!]!
    "when the change was heard"
    at: String!
  }

  "A request changed: its status, its history or its tasks."
  type RequestChange {
    "the request's tracking code"
    trackingCode: String!
    "its status now: submitted, inProgress, closed or failed"
    status: String!
    "when the change was heard (ISO 8601)"
    at: String!
  }

  "Requests of the municipality arrived or changed: the dashboard's figures are to be read again."
  type DashboardChange {
    "how many requests changed (0: too many at once to count them)"
    requestCount: Int!
    "when the change was heard (ISO 8601)"
    at: String!
  }

  "Live updates, over graphql-ws at /graphql; each event gathers the changes of half a second."
  type Subscription {
    "Agents: my inbox changed (a task of my groups or mine opened, was claimed, released or completed; managers: any task of the municipality)."
    inboxChanged: InboxChange!
    "A request changed: for agents of its municipality, the signed-in citizen it belongs to, or whoever gives the e-mail it was filed with."
    requestChanged(
      "the request's tracking code (XXXX-XXXX-XXXX)"
      trackingCode: String!
      "the e-mail address the request was filed with, for a citizen without an account"
      email: String
    ): RequestChange!
    "Managers: requests of the municipality arrived or changed."
    dashboardChanged: DashboardChange!
  }
`;

const now = () => new Date().toISOString();
const identity = <T>(value: T) => value;

export const liveResolvers: Resolvers = {
  Subscription: {
    inboxChanged: {
      subscribe: (_, __, ctx) => {
        const agent = requireRole(ctx, 'agent', 'manager', 'administrator');
        return liveStream({
          hub: ctx.hub,
          municipalityId: agent.municipalityId,
          log: ctx.log,
          stillAllowed: ctx.sessionsStillOpen,
          accepts: (change) => mayConcernInbox(agent, change),
          read: async (changes) => {
            const whole = changes.some((c) => !c.requestId);
            const taskIds = await ctx.db.within(agent.municipalityId, (tx) => inboxTasksAmong(tx, agent, changes));
            return whole || taskIds.length > 0 ? { taskIds: whole ? [] : taskIds, at: now() } : undefined;
          },
        });
      },
      resolve: identity,
    },
    requestChanged: {
      // Allowed to whoever may read the request, checked again before each event.
      subscribe: async (_, args, ctx) => {
        const request = await findTrackedRequest(ctx, args.trackingCode, args.email ?? undefined);
        return liveStream({
          hub: ctx.hub,
          municipalityId: request.municipality_id,
          log: ctx.log,
          stillAllowed: ctx.sessionsStillOpen,
          accepts: (change) => !change.requestId || change.requestId === request.id,
          read: async () => {
            const again = await findTrackedRequest(ctx, args.trackingCode, args.email ?? undefined);
            return { trackingCode: again.tracking_code, status: again.status, at: now() };
          },
        });
      },
      resolve: identity,
    },
    dashboardChanged: {
      subscribe: (_, __, ctx) => {
        const manager = requireRole(ctx, 'manager', 'administrator');
        return liveStream({
          hub: ctx.hub,
          municipalityId: manager.municipalityId,
          log: ctx.log,
          stillAllowed: ctx.sessionsStillOpen,
          accepts: () => true,
          read: async (changes) => {
            if (changes.some((c) => !c.requestId)) return { requestCount: 0, at: now() };
            const requestCount = await ctx.db.within(manager.municipalityId, (tx) => requestsAmong(tx, changes));
            return requestCount > 0 ? { requestCount, at: now() } : undefined;
          },
        });
      },
      resolve: identity,
    },
  },
};

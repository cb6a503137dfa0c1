import { parseDate } from '../common/cursor.ts';
import { requireRole } from '../common/roles.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { municipalityMetrics } from './repository.ts';

// The summary figures (`metrics`); the managers' dashboard itself is `dashboard` (dashboard-schema.ts).
export const metricsTypeDefs = /* GraphQL */ `
  type ChannelCount {
    channel: String!
    count: Int!
  }

  type StatusCount {
    status: String!
    count: Int!
  }

  "The municipality's figures over the requests submitted in a period."
  type Metrics {
    submitted: Int!
    closed: Int!
    "not closed yet: the backlog"
    open: Int!
    "past their deadline"
    breached: Int!
    atRisk: Int!
    "share of closed requests closed by their deadline (quality of service), null without any"
    onTimeRate: Float
    medianHoursToClose: Float
    byChannel: [ChannelCount!]!
    byStatus: [StatusCount!]!
  }

  extend type Query {
    "Managers: figures of the requests submitted from (ISO date, default 30 days ago) to (default now)."
    metrics(from: String, to: String): Metrics!
  }
`;

export const metricsResolvers: Resolvers = {
  Query: {
    metrics: (_, args, ctx) => {
      const manager = requireRole(ctx, 'manager', 'administrator');
      const to = parseDate(args.to, 'to') ?? new Date();
      const from = parseDate(args.from, 'from') ?? new Date(to.getTime() - 30 * 86_400_000);
      return ctx.db.within(manager.municipalityId, (tx) => municipalityMetrics(tx, from, to));
    },
  },
  Metrics: {
    atRisk: (m) => m.at_risk,
    onTimeRate: (m) => (m.closed > 0 ? m.closed_on_time / m.closed : null),
    medianHoursToClose: (m) => m.median_hours_to_close,
    byChannel: (m) => m.by_channel ?? [],
    byStatus: (m) => m.by_status ?? [],
  },
};

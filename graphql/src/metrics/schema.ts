import { parseDate } from '../common/cursor.ts';
import { requireRole } from '../common/roles.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { municipalityMetrics } from './repository.ts';

// The summary figures (`metrics`); the managers' dashboard itself is `dashboard` (dashboard-schema.ts).
export const metricsTypeDefs = /* GraphQL */ `
  "How many requests came in on one channel."
  type ChannelCount {
    "web, open311, counter, phone, post, fax, email or sms"
    channel: String!
    "how many requests"
    count: Int!
  }

  "How many requests have one status."
  type StatusCount {
    "submitted, inProgress, closed or failed"
    status: String!
    "how many requests"
    count: Int!
  }

  "The municipality's figures over the requests submitted in a period."
  type Metrics {
    "requests submitted in the period"
    submitted: Int!
    "of those, how many are closed"
    closed: Int!
    "not closed yet: the backlog"
    open: Int!
    "past their deadline"
    breached: Int!
    "of those, how many are open and at risk of missing their deadline, or past it"
    atRisk: Int!
    "share of closed requests closed by their deadline (quality of service), null without any"
    onTimeRate: Float
    "median hours from submission to closing; null when none closed"
    medianHoursToClose: Float
    "the requests by channel"
    byChannel: [ChannelCount!]!
    "the requests by status"
    byStatus: [StatusCount!]!
  }

  extend type Query {
    "Managers: figures of the requests submitted from (ISO date, default 30 days ago) to (default now)."
    metrics(
      "first day, YYYY-MM-DD, included; absent, 30 days ago"
      from: String
      "last day, YYYY-MM-DD, included; absent, today"
      to: String
    ): Metrics!
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

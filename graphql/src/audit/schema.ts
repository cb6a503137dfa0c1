import { pageSize } from '../common/limits.ts';
import { requireRole } from '../common/roles.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { municipalityTimeZone } from '../metrics/dashboard-repository.ts';
import { auditEntries, decodeAuditCursor, parseAuditFilter } from './log.ts';

export const auditTypeDefs = /* GraphQL */ `
  "One entry of the town's audit log: who did what, when, from where."
  type AuditEntry {
    "the entry's id"
    id: ID!
    "when (ISO 8601)"
    at: String!
    "sign-in, roles, groups, agents, export, citizen-record, settings, procedures"
    kind: String!
    "kind.what-happened, e.g. sign-in.failed"
    action: String!
    "who acted, by name"
    actorName: String!
    "the acting agent; null for a citizen or the system"
    actorAgentId: ID
    "the acting citizen; null otherwise"
    actorCitizenId: ID
    "what was acted on (a request, an agent, a setting)"
    target: String
    "the client's address; null when none was seen"
    ip: String
    "the details of the action"
    details: JSON!
  }

  "One page of the town's audit log, newest first."
  type AuditPage {
    "the entries of this page, newest first"
    entries: [AuditEntry!]!
    "Give it as after for the next page; null on the last page."
    endCursor: String
  }

  "Days are YYYY-MM-DD in the town's time zone, both included."
  input AuditFilter {
    "only these kinds of action; absent, all"
    kinds: [String!]
    "first day, YYYY-MM-DD"
    from: String
    "last day, YYYY-MM-DD"
    to: String
  }

  extend type Query {
    "Administrators: the town's audit log, newest first."
    auditLog(
      "which items to keep; absent, all"
      filter: AuditFilter
      "how many items to answer at most"
      first: Int
      "the endCursor of the previous page; absent, the first page"
      after: String
    ): AuditPage!
  }
`;

export const auditResolvers: Resolvers = {
  Query: {
    auditLog: (_, args, ctx) => {
      const agent = requireRole(ctx, 'administrator');
      const filter = parseAuditFilter(args.filter);
      const size = pageSize(args.first, 50);
      const before = decodeAuditCursor(args.after);
      return ctx.db.within(agent.municipalityId, async (tx) => {
        const timeZone = await municipalityTimeZone(tx, agent.municipalityId);
        const rows = await auditEntries(tx, filter, timeZone, size + 1, before);
        const entries = rows.slice(0, size).map((r) => ({ ...r, at: r.at.toISOString() }));
        return { entries, endCursor: rows.length > size ? entries.at(-1)!.id : null };
      });
    },
  },
};

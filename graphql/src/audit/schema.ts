import { pageSize } from '../common/limits.ts';
import { requireRole } from '../common/roles.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { municipalityTimeZone } from '../metrics/dashboard-repository.ts';
import { auditEntries, decodeAuditCursor, parseAuditFilter } from './log.ts';

export const auditTypeDefs = /* GraphQL */ `
  "One entry of the town's audit log: who did what, when, from where."
  type AuditEntry {
    id: ID!
    at: String!
    "sign-in, roles, groups, agents, export, citizen-record, settings, procedures"
    kind: String!
    "kind.what-happened, e.g. sign-in.failed"
    action: String!
    actorName: String!
    actorAgentId: ID
    actorCitizenId: ID
    target: String
    ip: String
    details: JSON!
  }

  type AuditPage {
    entries: [AuditEntry!]!
    "Give it as after for the next page; null on the last page."
    endCursor: String
  }

  "Days are YYYY-MM-DD in the town's time zone, both included."
  input AuditFilter {
    kinds: [String!]
    from: String
    to: String
  }

  extend type Query {
    "Administrators: the town's audit log, newest first."
    auditLog(filter: AuditFilter, first: Int, after: String): AuditPage!
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

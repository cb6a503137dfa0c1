import type { ProcessIR } from '@parvis/engine';
import { loaderKey } from '../common/batch.ts';
import { CASEWORKERS, requireRole } from '../common/roles.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { followReport } from './follow.ts';
import { mergeDuplicate } from './merge.ts';
import { likelyDuplicates, type NearbyReport, nearbyReports } from './nearby.ts';
import { duplicateRepository } from './repository.ts';
import { duplicateSettings } from './settings.ts';

export const duplicateTypeDefs = /* GraphQL */ `
  "An open report near a place, in public words: what, how far, since when, where it stands. Never who reported it nor what they wrote."
  type NearbyReport {
    "Opaque: what followReport takes."
    id: ID!
    "The label of its category (« Nid-de-poule, chaussée ou trottoir abîmé »), not its key."
    category: String!
    "how far from the place given, in metres"
    distanceMeters: Int!
    "ISO 8601: when it was reported."
    reportedAt: String!
    "submitted or inProgress"
    status: String!
  }

  "An open request that looks like the same one: same procedure, same category, nearby."
  type LikelyDuplicate {
    "the other request's tracking code"
    trackingCode: String!
    "its category, as its form gives it"
    category: String!
    "how far from this one, in metres"
    distanceMeters: Int!
    "when it was filed (ISO 8601)"
    submittedAt: String!
    "submitted or inProgress"
    status: String!
  }

  "How a procedure looks for duplicates before a report is filed."
  type DuplicateCheck {
    "the start form's field whose value two duplicates share (a category)"
    field: String!
    "how far a report may be to count as the same"
    withinMeters: Int!
  }

  extend type Procedure {
    "Set when the procedure looks for nearby open reports of the same category (duplicates.field): the form shows them before filing."
    duplicates: DuplicateCheck
  }

  "The request another was merged into."
  type MergedInto {
    "Its tracking code, which the closing message named."
    trackingCode: String!
    "submitted, inProgress or closed"
    status: String!
    "when the request kept was closed; null while open"
    closedAt: String
    "when the merge was made (ISO 8601)"
    mergedAt: String!
  }

  extend type Request {
    "Agents: open requests of the same procedure and category near this one, which it may duplicate (empty when the procedure looks for none)."
    likelyDuplicates: [LikelyDuplicate!]!
    "The request this one was merged into as a duplicate, if it was."
    mergedInto: MergedInto
    "Agents: the tracking codes of the duplicates merged into this request."
    mergedDuplicates: [String!]!
    "How the procedure version it runs on looks for duplicates; null when it does not."
    duplicateCheck: DuplicateCheck
  }

  extend type Query {
    "Before filing a located report: open reports of the same procedure and category near the place (the procedure's duplicates.withinMeters, 50 m by default), nearest first, at most 10. Anyone may ask."
    nearbyReports(
      "the town's id (its slug, e.g. demo)" municipality: ID!
      "the report's procedure key" procedure: String!
      "the report's category, as the form's select gives it" category: String!
      "degrees, WGS 84" latitude: Float!
      "degrees, WGS 84" longitude: Float!
    ): [NearbyReport!]!
  }

  extend type Mutation {
    "Follows an open report instead of filing it again: the e-mail is told when it is solved."
    followReport(
      "the town's id (its slug, e.g. demo)"
      municipality: ID!
      "the id of the nearby report to follow"
      report: ID!
      "where to hear of its progress"
      email: String!
    ): Boolean!
    "Agents: merges a duplicate into the main request (same procedure, both open); the duplicate closes, telling its citizen, who follows the main one. Refused with MERGE_REFUSED and a reason."
    mergeDuplicate(
      "tracking code of the request kept"
      main: String!
      "tracking code of the request merged into it"
      duplicate: String!
    ): Request!
  }
`;

const byIso = (report: NearbyReport) => report.reportedAt.toISOString();

export const duplicateResolvers: Resolvers = {
  Query: {
    nearbyReports: (_, args, ctx) => ctx.db.within(args.municipality, (tx) => nearbyReports(tx, args)),
  },
  Mutation: {
    followReport: (_, args, ctx) =>
      ctx.db.within(args.municipality, (tx) => followReport(tx, args.municipality, args.report, args.email)),
    mergeDuplicate: (_, args, ctx) => mergeDuplicate(ctx, requireRole(ctx, ...CASEWORKERS), args.main, args.duplicate),
  },
  Procedure: {
    duplicates: async (procedure, _, ctx) => {
      const version = await ctx.loaders.latestVersion.load(loaderKey(procedure.municipality_id, procedure.key));
      return version ? (duplicateSettings(version.ir) ?? null) : null;
    },
  },
  NearbyReport: {
    reportedAt: byIso,
  },
  LikelyDuplicate: {
    submittedAt: byIso,
  },
  Request: {
    likelyDuplicates: (request, _, ctx) => {
      const agent = requireRole(ctx, ...CASEWORKERS);
      return ctx.db.within(request.municipality_id, (tx) => likelyDuplicates(tx, agent, request));
    },
    mergedInto: (request, _, ctx) =>
      ctx.db.within(request.municipality_id, async (tx) => {
        const merge = await duplicateRepository(tx).mergedInto(request.id);
        if (!merge) return null;
        const [main] = await tx<{ tracking_code: string; status: string; closed_at: Date | null }[]>`
          select tracking_code, status, closed_at from requests where id = ${merge.main_id}`;
        return {
          trackingCode: main!.tracking_code,
          status: main!.status,
          closedAt: main!.closed_at?.toISOString() ?? null,
          mergedAt: merge.merged_at.toISOString(),
        };
      }),
    duplicateCheck: (request, _, ctx) =>
      ctx.db.within(request.municipality_id, async (tx) => {
        const [version] = await tx<{ ir: ProcessIR }[]>`select v.ir from requests r
          join procedure_versions v on v.id = r.procedure_version_id where r.id = ${request.id}`;
        return version ? (duplicateSettings(version.ir) ?? null) : null;
      }),
    mergedDuplicates: (request, _, ctx) => {
      requireRole(ctx, ...CASEWORKERS);
      return ctx.db.within(request.municipality_id, (tx) => duplicateRepository(tx).mergedHere(request.id));
    },
  },
};

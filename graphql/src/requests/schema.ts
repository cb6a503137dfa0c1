import type { ApiContext } from '../common/context.ts';
import { decodeCursor, parseDate, toPage } from '../common/cursor.ts';
import { userError } from '../common/errors.ts';
import { pageSize } from '../common/limits.ts';
import { CASEWORKERS, requireRole } from '../common/roles.ts';
import { findTrackedRequest } from './find.ts';
import { listRequests, type SortOrder } from './list.ts';
import { type RequestRow, requestRepository } from './repository.ts';
import { submitRequest } from './submit.ts';

export const requestTypeDefs = /* GraphQL */ `
  "A citizen's request, followed by its tracking code."
  type Request {
    trackingCode: String!
    procedureKey: String!
    procedureTitle(lang: Lang = fr): String!
    "Version of the procedure the request runs on, for ever."
    procedureVersion: Int!
    channel: String!
    "submitted, inProgress, closed or failed"
    status: String!
    submittedAt: String!
    closedAt: String
    data: JSON!
    timeline: [TimelineEvent!]!
  }

  "One step in a request's history, hash-chained to the one before."
  type TimelineEvent {
    position: Int!
    kind: String!
    payload: JSON!
    occurredAt: String!
    hash: String!
  }

  type Submitted {
    trackingCode: String!
  }

  "Which way a list runs: by date, newest or oldest first."
  enum SortOrder {
    newestFirst
    oldestFirst
  }

  "Where a page ended, to ask for the next."
  type PageInfo {
    endCursor: String
    hasNextPage: Boolean!
  }

  input RequestFilter {
    "submitted, inProgress, closed or failed"
    status: String
    "web, counter, phone, post, fax, email, sms, open311"
    channel: String
    "procedure key"
    procedure: String
    "ISO date: submitted on or after"
    submittedFrom: String
    "ISO date: submitted before"
    submittedTo: String
    "words to find in the form data (French stemming; quotes, OR and - work as on the web)"
    search: String
  }

  type RequestConnection {
    nodes: [Request!]!
    pageInfo: PageInfo!
  }

  extend type Query {
    "Agents: the requests I may see (managers: the municipality's), filtered and sorted, one page (at most 100) at a time."
    requests(filter: RequestFilter, order: SortOrder = newestFirst, first: Int = 20, after: String): RequestConnection!
    "A request by its tracking code: for the agents it concerns and managers, the citizen it belongs to, or anyone with the e-mail it was filed with."
    request(trackingCode: String!, email: String): Request
  }

  extend type Mutation {
    "Files a request: the data is checked against the procedure's form; returns the tracking code."
    submitRequest(municipality: ID!, procedure: String!, data: JSON!): Submitted!
  }
`;

export const requestResolvers = {
  Query: {
    requests: (
      _: unknown,
      args: { filter?: Record<string, string | null>; order: SortOrder; first: number; after?: string },
      ctx: ApiContext,
    ) => {
      const agent = requireRole(ctx, ...CASEWORKERS);
      const size = pageSize(args.first);
      const after = decodeCursor(args.after);
      const filter = {
        ...args.filter,
        submittedFrom: parseDate(args.filter?.submittedFrom, 'filter.submittedFrom'),
        submittedTo: parseDate(args.filter?.submittedTo, 'filter.submittedTo'),
      };
      return ctx.db.within(agent.municipalityId, async (tx) =>
        toPage(await listRequests(tx, agent, filter, args.order, size, after), size, (r) => ({
          at: r.submitted_at,
          id: r.id,
        })),
      );
    },
    request: (_: unknown, args: { trackingCode: string; email?: string }, ctx: ApiContext) =>
      findTrackedRequest(ctx, args.trackingCode, args.email),
  },
  Mutation: {
    submitRequest: (_: unknown, args: { municipality: string; procedure: string; data: unknown }, ctx: ApiContext) => {
      if (!args.data || typeof args.data !== 'object' || Array.isArray(args.data)) {
        throw userError('BAD_USER_INPUT', 'data doit être un objet JSON. / data must be a JSON object.');
      }
      return submitRequest(ctx.db, ctx.temporal, {
        municipalityId: args.municipality,
        procedureKey: args.procedure,
        data: args.data as Record<string, unknown>,
        channel: 'web',
        // A signed-in citizen's request joins their account.
        ...(ctx.citizen?.municipalityId === args.municipality ? { citizen: { id: ctx.citizen.id } } : {}),
      });
    },
  },
  Request: {
    trackingCode: (r: RequestRow) => r.tracking_code,
    procedureKey: (r: RequestRow) => r.procedure_key,
    procedureTitle: (r: RequestRow, args: { lang: 'fr' | 'en' }) =>
      args.lang === 'en' ? r.procedure_title_en : r.procedure_title_fr,
    procedureVersion: (r: RequestRow) => r.version,
    submittedAt: (r: RequestRow) => r.submitted_at.toISOString(),
    closedAt: (r: RequestRow) => r.closed_at?.toISOString() ?? null,
    timeline: (r: RequestRow, _: unknown, ctx: ApiContext) =>
      ctx.db.within(r.municipality_id, (tx) => requestRepository(tx).timeline(r.id)),
  },
  TimelineEvent: {
    occurredAt: (e: { occurred_at: Date }) => e.occurred_at.toISOString(),
  },
};

import { userError } from '../common/errors.ts';
import { pageSize } from '../common/limits.ts';
import { CASEWORKERS, requireRole } from '../common/roles.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { findTrackedRequest } from './find.ts';
import { listRequests } from './list.ts';
import { decodeListCursor, toListPage } from './list-cursor.ts';
import { parseRequestFilter, parseRequestSort } from './list-filter.ts';
import { requestRepository } from './repository.ts';
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

  "Which requests the list shows: every field left out keeps all; a value the list does not know is refused (BAD_USER_INPUT naming the field)."
  input RequestFilter {
    "submitted, inProgress, closed or failed"
    status: String
    "true: still open (submitted or in progress); false: closed or failed"
    open: Boolean
    "web, open311, counter, phone, post, fax, email, sms"
    channel: String
    "procedure key"
    procedure: String
    "a service as the dashboard counts by (byDepartment's key): a department's name, a group's name or key, or a procedure's department"
    service: String
    "group key: requests with a task for that group"
    group: String
    "ISO date: submitted on or after"
    submittedFrom: String
    "ISO date: submitted before"
    submittedTo: String
    "deadline state: onTime, atRisk, breached (late) or paused"
    deadline: String
    "agent id: requests with an open task assigned to that agent"
    assignee: ID
    "requests whose place lies in this box"
    within: BoundingBox
    "requests whose place lies within radius metres of this point (a box or a point, not both)"
    near: NearPoint
    "a tracking code, or words to find in the form data (French stemming; quotes, OR and - work as on the web)"
    search: String
  }

  "A box on the map, in degrees (WGS 84)."
  input BoundingBox {
    south: Float!
    west: Float!
    north: Float!
    east: Float!
  }

  "A point on the map and a distance around it."
  input NearPoint {
    latitude: Float!
    longitude: Float!
    "metres, 10 to 50,000"
    radius: Float = 500
  }

  "How the request list is sorted."
  enum RequestSort {
    "last submitted first"
    newestFirst
    "first submitted first"
    oldestFirst
    "nearest deadline first (none last)"
    deadlineFirst
    "last closed first (open ones last)"
    recentlyClosed
  }

  type RequestConnection {
    nodes: [Request!]!
    pageInfo: PageInfo!
  }

  extend type Query {
    """
    Agents: the requests I may see, open and closed (managers: the municipality's), filtered and
    sorted, one page (at most 100) at a time. sort, when given, wins over order (by submission only).
    """
    requests(
      filter: RequestFilter
      order: SortOrder = newestFirst
      sort: RequestSort
      first: Int = 20
      after: String
    ): RequestConnection!
    "A request by its tracking code: for the agents it concerns and managers, the citizen it belongs to, or anyone with the e-mail it was filed with."
    request(trackingCode: String!, email: String): Request
  }

  extend type Mutation {
    "Files a request: the data is checked against the procedure's form; returns the tracking code."
    submitRequest(municipality: ID!, procedure: String!, data: JSON!): Submitted!
  }
`;

export const requestResolvers: Resolvers = {
  Query: {
    requests: (_, args, ctx) => {
      const agent = requireRole(ctx, ...CASEWORKERS);
      const size = pageSize(args.first);
      const after = decodeListCursor(args.after);
      const filter = parseRequestFilter(args.filter);
      const sort = parseRequestSort(args.sort ?? args.order);
      return ctx.db.within(agent.municipalityId, async (tx) =>
        toListPage(await listRequests(tx, agent, filter, sort, size, after), size),
      );
    },
    request: (_, args, ctx) => findTrackedRequest(ctx, args.trackingCode, args.email ?? undefined),
  },
  Mutation: {
    submitRequest: (_, args, ctx) => {
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
    trackingCode: (r) => r.tracking_code,
    procedureKey: (r) => r.procedure_key,
    procedureTitle: (r, args) => (args.lang === 'en' ? r.procedure_title_en : r.procedure_title_fr),
    procedureVersion: (r) => r.version,
    submittedAt: (r) => r.submitted_at.toISOString(),
    closedAt: (r) => r.closed_at?.toISOString() ?? null,
    timeline: (r, _, ctx) => ctx.db.within(r.municipality_id, (tx) => requestRepository(tx).timeline(r.id)),
  },
  TimelineEvent: {
    occurredAt: (e) => e.occurred_at.toISOString(),
  },
};

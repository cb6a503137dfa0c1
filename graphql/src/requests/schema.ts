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
    "the code the citizen follows the request with (XXXX-XXXX-XXXX)"
    trackingCode: String!
    "its procedure's key"
    procedureKey: String!
    "its procedure's title, in the language asked"
    procedureTitle("language of the text: FR (the default) or EN" lang: Lang = FR): String!
    "Version of the procedure the request runs on, for ever."
    procedureVersion: Int!
    "where it came in: web, open311, counter, phone, post, fax, email or sms"
    channel: String!
    "submitted, inProgress, closed or failed"
    status: String!
    "when it was filed (ISO 8601)"
    submittedAt: String!
    "when it was closed; null while open"
    closedAt: String
    "the form's values, by field key"
    data: JSON!
    "its history, oldest first"
    timeline: [TimelineEvent!]!
  }

  "One step in a request's history, hash-chained to the one before."
  type TimelineEvent {
    "its place in the chain, from 1"
    position: Int!
    "what happened (submitted, taskOpened, taskCompleted, notified, closed…)"
    kind: String!
    "the details of what happened"
    payload: JSON!
    "when it happened (ISO 8601)"
    occurredAt: String!
    "SHA-256 of this event chained to the previous one"
    hash: String!
  }

  "A request just filed: its tracking code, for the citizen to follow it."
  type Submitted {
    "the code to follow the request with"
    trackingCode: String!
  }

  "Which way a list runs: by date, newest or oldest first."
  enum SortOrder {
    "the most recent first"
    NEWEST_FIRST
    "the oldest first"
    OLDEST_FIRST
  }

  "Where a page ended, to ask for the next."
  type PageInfo {
    "give it as after to get the next page; null on an empty page"
    endCursor: String
    "whether more items follow"
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
    "southern latitude, degrees"
    south: Float!
    "western longitude, degrees"
    west: Float!
    "northern latitude, degrees"
    north: Float!
    "eastern longitude, degrees"
    east: Float!
  }

  "A point on the map and a distance around it."
  input NearPoint {
    "degrees, WGS 84"
    latitude: Float!
    "degrees, WGS 84"
    longitude: Float!
    "metres, 10 to 50,000"
    radius: Float = 500
  }

  "How the request list is sorted."
  enum RequestSort {
    "last submitted first"
    NEWEST_FIRST
    "first submitted first"
    OLDEST_FIRST
    "nearest deadline first (none last)"
    DEADLINE_FIRST
    "last closed first (open ones last)"
    RECENTLY_CLOSED
  }

  "One page of requests, and where it ended."
  type RequestConnection {
    "the items of this page, in the order asked for"
    nodes: [Request!]!
    "where this page ended, to ask for the next"
    pageInfo: PageInfo!
  }

  extend type Query {
    """
    Agents: the requests I may see, open and closed (managers: the municipality's), filtered and
    sorted, one page (at most 100) at a time. sort, when given, wins over order (by submission only).
    """
    requests(
      "which items to keep; absent, all" filter: RequestFilter
      "by date: NEWEST_FIRST or OLDEST_FIRST" order: SortOrder = NEWEST_FIRST
      "how the list is sorted; wins over order" sort: RequestSort
      "how many items to answer at most" first: Int = 20
      "the endCursor of the previous page; absent, the first page" after: String
    ): RequestConnection!
    "A request by its tracking code: for the agents it concerns and managers, the citizen it belongs to, or anyone with the e-mail it was filed with."
    request(
      "the request's tracking code (XXXX-XXXX-XXXX)"
      trackingCode: String!
      "the e-mail address the request was filed with, for a citizen without an account"
      email: String
    ): Request
  }

  extend type Mutation {
    "Files a request: the data is checked against the procedure's form; returns the tracking code."
    submitRequest(
      "the town's id (its slug, e.g. demo)"
      municipality: ID!
      "the procedure's key"
      procedure: String!
      "the start form's values, by field key"
      data: JSON!
    ): Submitted!
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

import DataLoader from 'dataloader';
import { byMunicipality, loaderKey } from '../common/batch.ts';
import type { ApiContext } from '../common/context.ts';
import { maxPageSize } from '../common/limits.ts';
import { requireRole } from '../common/roles.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import type { RequestRow } from '../requests/repository.ts';
import type { TaskRow } from './repository.ts';
import { type WorkItemRow, workItemsById, workQueue } from './work-queue.ts';

export const workQueueTypeDefs = /* GraphQL */ `
  "Whose tasks the inbox shows."
  enum WorkScope {
    "assigned to me"
    MINE
    "of my groups"
    GROUPS
    "what I may take up now: mine, and my groups' unassigned or held by an agent who is away"
    AVAILABLE
    "all I may see: mine and my groups' (managers: the municipality's)"
    ALL
  }

  "Which tasks the inbox shows: every field left out keeps all."
  input WorkQueueFilter {
    "whose tasks: ALL (the default), MINE, GROUPS or AVAILABLE"
    scope: WorkScope = ALL
    "web, counter, phone, post, email, sms…"
    channel: String
    "procedure key"
    procedure: String
    "onTime, atRisk, breached or paused"
    sla: String
    "a tracking code, the task's name, or words of the request's data"
    search: String
  }

  extend type Task {
    "The deadline that comes first: the task's own or its request's."
    dueAt: String
    "onTime, atRisk, breached or paused: the worse of the task's and its request's"
    slaState: String!
    "name of the agent it is assigned to, if any"
    assigneeName: String
    "whether it is assigned to the signed-in agent"
    assignedToMe: Boolean!
  }

  extend type Request {
    "deadline of the request (null: none, or suspended)"
    dueAt: String
    "onTime, atRisk, breached or paused"
    slaState: String!
  }

  extend type Query {
    "Agents: the open tasks of the inbox, filtered, the most urgent first (at most 200). The one inbox query."
    workQueue(
      "which items to keep; absent, all"
      filter: WorkQueueFilter
      "how many items to answer at most"
      first: Int = 100
    ): [Task!]!
  }
`;

type SlaRow = Pick<WorkItemRow, 'effective_due_at' | 'effective_sla_state' | 'assignee_name'>;
type RequestSla = { due_at: Date | null; sla_state: string };

// Loaders for tasks and requests read by other queries, one per operation.
const loaders = new WeakMap<
  ApiContext,
  { task: DataLoader<string, SlaRow | undefined>; request: DataLoader<string, RequestSla | undefined> }
>();

function loadersOf(ctx: ApiContext) {
  let found = loaders.get(ctx);
  if (!found) {
    const batch =
      <T>(
        read: (
          tx: Parameters<Parameters<ApiContext['db']['within']>[1]>[0],
          ids: string[],
        ) => Promise<(T & { id: string })[]>,
      ) =>
      async (keys: readonly string[]) => {
        const rows = new Map<string, T>();
        for (const [municipalityId, ids] of byMunicipality(keys)) {
          for (const row of await ctx.db.within(municipalityId, (tx) => read(tx, ids))) {
            rows.set(loaderKey(municipalityId, row.id), row);
          }
        }
        return keys.map((key) => rows.get(key));
      };
    found = {
      task: new DataLoader(batch<SlaRow>((tx, ids) => workItemsById(tx, ids))),
      request: new DataLoader(
        batch<RequestSla>(
          (tx, ids) => tx<(RequestSla & { id: string })[]>`select id, due_at, sla_state from requests
          where id = any(${ids}::uuid[])`,
        ),
      ),
    };
    loaders.set(ctx, found);
  }
  return found;
}

const slaOf = async (t: TaskRow | WorkItemRow, ctx: ApiContext): Promise<SlaRow | undefined> =>
  'effective_sla_state' in t ? t : loadersOf(ctx).task.load(loaderKey(t.municipality_id, t.id));

const requestSlaOf = (
  r: RequestRow & Partial<RequestSla>,
  ctx: ApiContext,
): Promise<RequestSla | undefined> | RequestSla =>
  r.sla_state !== undefined ? (r as RequestSla) : loadersOf(ctx).request.load(loaderKey(r.municipality_id, r.id));

export const workQueueResolvers: Resolvers = {
  Query: {
    workQueue: (_, args, ctx) => {
      const agent = requireRole(ctx, 'agent', 'manager', 'administrator');
      const first = Math.max(1, Math.min(args.first ?? 100, maxPageSize('Query.workQueue')));
      return ctx.db.within(agent.municipalityId, (tx) => workQueue(tx, agent, args.filter ?? {}, first));
    },
  },
  Task: {
    dueAt: async (t, _, ctx) => (await slaOf(t, ctx))?.effective_due_at?.toISOString() ?? null,
    slaState: async (t, _, ctx) => (await slaOf(t, ctx))?.effective_sla_state ?? 'onTime',
    assigneeName: async (t, _, ctx) => (t.assignee ? ((await slaOf(t, ctx))?.assignee_name ?? null) : null),
    assignedToMe: (t, _, ctx) => !!ctx.agent && t.assignee === ctx.agent.id,
  },
  Request: {
    dueAt: async (r, _, ctx) => (await requestSlaOf(r, ctx))?.due_at?.toISOString() ?? null,
    slaState: async (r, _, ctx) => (await requestSlaOf(r, ctx))?.sla_state ?? 'onTime',
  },
};

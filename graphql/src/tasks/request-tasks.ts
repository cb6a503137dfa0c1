import DataLoader from 'dataloader';
import { byMunicipality, loaderKey } from '../common/batch.ts';
import type { ApiContext, SignedInAgent } from '../common/context.ts';
import { CASEWORKERS, hasRole } from '../common/roles.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { mayReadRequest, requestShownTo, taskShownTo } from '../requests/access.ts';
import type { RequestRow } from '../requests/repository.ts';
import { type TaskRow, taskRepository } from './repository.ts';

// The tasks of a request, for its 360° page and the request list: every step, open or closed, and
// who holds it. Only agents the request concerns (access.ts) and managers see them; a citizen's view
// of the same request has none, the work of the town hall is not theirs to read.

export const requestTasksTypeDefs = /* GraphQL */ `
  extend type Request {
    "Agents the request concerns, managers: its tasks, open and closed, oldest first (empty for anyone else)."
    tasks: [Task!]!
    "Agents the request concerns, managers: names of the agents its open tasks are assigned to (empty: none, or for anyone else)."
    heldBy: [String!]!
  }

  extend type Task {
    "Whether the signed-in agent may open this task's page (it is theirs by the inbox's rule, or they are a manager)."
    openable: Boolean!
  }
`;

type RequestTaskRow = TaskRow & { openable?: boolean };

/** The signed-in caseworker of the request's town, if any: only they read its tasks. */
function caseworkerOf(ctx: ApiContext, r: RequestRow): SignedInAgent | undefined {
  const agent = ctx.agent;
  return agent && agent.municipalityId === r.municipality_id && hasRole(agent, ...CASEWORKERS) ? agent : undefined;
}

// Names of the holders of a page of requests, one query per town and operation.
const holders = new WeakMap<ApiContext, DataLoader<string, string[]>>();

function holdersOf(ctx: ApiContext, agent: SignedInAgent): DataLoader<string, string[]> {
  let loader = holders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (keys: readonly string[]) => {
      const found = new Map<string, string[]>();
      for (const [municipalityId, ids] of byMunicipality(keys)) {
        const rows = await ctx.db.within(
          municipalityId,
          (tx) => tx<{ request_id: string; names: string[] }[]>`select r.id as request_id,
              array_agg(distinct a.display_name order by a.display_name) as names
            from requests r join tasks h on h.request_id = r.id and h.status = 'open'
              join agents a on a.id::text = h.assignee
            where r.id = any(${ids}::uuid[]) and ${requestShownTo(tx, agent)}
            group by r.id`,
        );
        for (const row of rows) found.set(loaderKey(municipalityId, row.request_id), row.names);
      }
      return keys.map((key) => found.get(key) ?? []);
    });
    holders.set(ctx, loader);
  }
  return loader;
}

export const requestTasksResolvers: Resolvers = {
  Request: {
    tasks: async (r, _, ctx): Promise<RequestTaskRow[]> => {
      const agent = caseworkerOf(ctx, r);
      if (!agent) return [];
      return ctx.db.within(r.municipality_id, async (tx) =>
        (await mayReadRequest(tx, agent, { id: r.id }))
          ? taskRepository(tx).ofRequest(r.id, taskShownTo(tx, agent))
          : [],
      );
    },
    heldBy: (r, _, ctx): Promise<string[]> | string[] => {
      const agent = caseworkerOf(ctx, r);
      return agent ? holdersOf(ctx, agent).load(loaderKey(r.municipality_id, r.id)) : [];
    },
  },
  Task: {
    // Only the request's task list knows; a task read any other way opens.
    openable: (t: RequestTaskRow) => t.openable ?? true,
  },
};

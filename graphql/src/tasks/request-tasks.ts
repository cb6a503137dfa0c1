import type { ApiContext } from '../common/context.ts';
import { CASEWORKERS, hasRole } from '../common/roles.ts';
import { mayReadRequest, taskShownTo } from '../requests/access.ts';
import type { RequestRow } from '../requests/repository.ts';
import { type TaskRow, taskRepository } from './repository.ts';

// The tasks of a request, for its 360° page: every step, open or closed, and who holds it. Only
// agents the request concerns (access.ts) and managers see them; a citizen's view of the same
// request has none, the work of the town hall is not theirs to read.

export const requestTasksTypeDefs = /* GraphQL */ `
  extend type Request {
    "Agents the request concerns, managers: its tasks, open and closed, oldest first (empty for anyone else)."
    tasks: [Task!]!
  }

  extend type Task {
    "Whether the signed-in agent may open this task's page (it is theirs by the inbox's rule, or they are a manager)."
    openable: Boolean!
    "Name of the agent who completed it, when an agent did (read on a request's tasks; null elsewhere)."
    completedByName: String
  }
`;

type RequestTaskRow = TaskRow & { openable?: boolean; completed_by_name?: string | null };

export const requestTasksResolvers = {
  Request: {
    tasks: async (r: RequestRow, _: unknown, ctx: ApiContext): Promise<RequestTaskRow[]> => {
      const agent = ctx.agent;
      if (!agent || agent.municipalityId !== r.municipality_id || !hasRole(agent, ...CASEWORKERS)) return [];
      return ctx.db.within(r.municipality_id, async (tx) =>
        (await mayReadRequest(tx, agent, { id: r.id }))
          ? taskRepository(tx).ofRequest(r.id, taskShownTo(tx, agent))
          : [],
      );
    },
  },
  Task: {
    openable: (t: RequestTaskRow) => t.openable ?? true,
    completedByName: (t: RequestTaskRow) => t.completed_by_name ?? null,
  },
};

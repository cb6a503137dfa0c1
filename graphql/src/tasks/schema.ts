import type { Variables } from '@parvis/engine';
import { loaderKey } from '../common/batch.ts';
import { requireAgent } from '../common/context.ts';
import { decodeCursor, toPage } from '../common/cursor.ts';
import { pageSize } from '../common/limits.ts';
import { CASEWORKERS, requireRole } from '../common/roles.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { taskShownTo } from '../requests/access.ts';
import { assignTask, releaseTask } from './assignment.ts';
import { completeTask } from './complete.ts';
import { listTasks } from './list.ts';
import { taskRepository } from './repository.ts';

export const taskTypeDefs = /* GraphQL */ `
  "Work for an agent on a request: answer, check, sign."
  type Task {
    id: ID!
    name: String!
    "open, completed or cancelled"
    status: String!
    candidateGroups: [String!]!
    "web, counter, phone, post, email, sms"
    channel: String!
    formId: String
    "form-js schema of the task's form, if any"
    form: JSON
    openedAt: String!
    closedAt: String
    completedBy: String
    "id of the agent it is assigned to, if any"
    assigneeId: ID
    request: Request!
  }

  input TaskFilter {
    "open, completed or cancelled; all when left out"
    status: String
    channel: String
    "candidate group"
    group: String
    "only the tasks assigned to me"
    mine: Boolean
  }

  type TaskConnection {
    nodes: [Task!]!
    pageInfo: PageInfo!
  }

  extend type Query {
    "Agents: the tasks I may see, open or closed (managers: the municipality's), filtered and sorted, one page (at most 100) at a time."
    tasks(filter: TaskFilter, order: SortOrder = oldestFirst, first: Int = 20, after: String): TaskConnection!
    "One task the agent may see (theirs, their groups', delegated to them; managers: the municipality's), else null."
    task(id: ID!): Task
  }

  extend type Mutation {
    "Completes an open task with the data of its form."
    completeTask(taskId: ID!, data: JSON): Task!
    "Takes a free task of my groups (unassigned, or held by an agent who is away)."
    claimTask(taskId: ID!): Task!
    "Gives a task back to its groups (its assignee, or a manager)."
    releaseTask(taskId: ID!): Task!
    "Managers: assigns an open task to an agent of its groups (themselves included), whoever holds it."
    assignTask(taskId: ID!, agentId: ID!): Task!
  }
`;

export const taskResolvers: Resolvers = {
  Query: {
    tasks: (_, args, ctx) => {
      const agent = requireRole(ctx, ...CASEWORKERS);
      const size = pageSize(args.first);
      const after = decodeCursor(args.after);
      return ctx.db.within(agent.municipalityId, async (tx) =>
        toPage(await listTasks(tx, agent, args.filter ?? {}, args.order, size, after), size, (t) => ({
          at: t.opened_at,
          id: t.id,
        })),
      );
    },
    // A task the agent may not see answers as one that does not exist: null.
    task: async (_, args, ctx) => {
      const agent = requireRole(ctx, ...CASEWORKERS);
      return (
        (await ctx.db.within(agent.municipalityId, (tx) => taskRepository(tx).find(args.id, taskShownTo(tx, agent)))) ??
        null
      );
    },
  },
  Mutation: {
    completeTask: (_, args, ctx) =>
      // JSON from the client: the workflow checks it against the step's form.
      completeTask(ctx, requireAgent(ctx), args.taskId, (args.data ?? {}) as Variables),
    claimTask: (_, args, ctx) => {
      const agent = requireRole(ctx, ...CASEWORKERS);
      return assignTask(ctx, agent, args.taskId, agent.id, 'claim');
    },
    releaseTask: (_, args, ctx) => releaseTask(ctx, requireRole(ctx, ...CASEWORKERS), args.taskId),
    assignTask: (_, args, ctx) =>
      assignTask(ctx, requireRole(ctx, 'manager', 'administrator'), args.taskId, args.agentId),
  },
  Task: {
    assigneeId: (t) => t.assignee,
    name: (t) => t.name ?? t.element_id,
    candidateGroups: (t) => t.candidate_groups,
    formId: (t) => t.form_id,
    form: (t, _, ctx) =>
      t.form_id ? ctx.db.within(t.municipality_id, (tx) => taskRepository(tx).form(t.request_id, t.form_id!)) : null,
    openedAt: (t) => t.opened_at.toISOString(),
    closedAt: (t) => t.closed_at?.toISOString() ?? null,
    completedBy: (t) => t.completed_by,
    // A task's request exists (foreign key).
    request: async (t, _, ctx) => (await ctx.loaders.requestById.load(loaderKey(t.municipality_id, t.request_id)))!,
  },
};

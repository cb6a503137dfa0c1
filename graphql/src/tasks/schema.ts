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
    "the task's id"
    id: ID!
    "the step's name, as the model words it"
    name: String!
    "open, completed or cancelled"
    status: String!
    "keys of the groups that may take it"
    candidateGroups: [String!]!
    "web, counter, phone, post, email, sms"
    channel: String!
    "the id of its form in the procedure's version; null without a form"
    formId: String
    "form-js schema of the task's form, if any"
    form: JSON
    "when it opened (ISO 8601)"
    openedAt: String!
    "when it was completed or cancelled; null while open"
    closedAt: String
    "who completed it; null while open"
    completedBy: String
    "id of the agent it is assigned to, if any"
    assigneeId: ID
    "the request it belongs to"
    request: Request!
  }

  "Which tasks the list shows: every field left out keeps all."
  input TaskFilter {
    "open, completed or cancelled; all when left out"
    status: String
    "only the tasks of requests that came in on this channel (web, counter, phone…)"
    channel: String
    "candidate group"
    group: String
    "only the tasks assigned to me"
    mine: Boolean
  }

  "One page of tasks, and where it ended."
  type TaskConnection {
    "the items of this page, in the order asked for"
    nodes: [Task!]!
    "where this page ended, to ask for the next"
    pageInfo: PageInfo!
  }

  extend type Query {
    "Agents: the tasks I may see, open or closed (managers: the municipality's), filtered and sorted, one page (at most 100) at a time."
    tasks(
      "which items to keep; absent, all"
      filter: TaskFilter
      "by date: NEWEST_FIRST or OLDEST_FIRST"
      order: SortOrder = OLDEST_FIRST
      "how many items to answer at most"
      first: Int = 20
      "the endCursor of the previous page; absent, the first page"
      after: String
    ): TaskConnection!
    "One task the agent may see (theirs, their groups', delegated to them; managers: the municipality's), else null."
    task("its id" id: ID!): Task
  }

  extend type Mutation {
    "Completes an open task with the data of its form."
    completeTask("the task's id" taskId: ID!, "the task form's values, by field key" data: JSON): Task!
    "Takes a free task of my groups (unassigned, or held by an agent who is away)."
    claimTask("the task's id" taskId: ID!): Task!
    "Gives a task back to its groups (its assignee, or a manager)."
    releaseTask("the task's id" taskId: ID!): Task!
    "Managers: assigns an open task to an agent of its groups (themselves included), whoever holds it."
    assignTask("the task's id" taskId: ID!, "the agent's id" agentId: ID!): Task!
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

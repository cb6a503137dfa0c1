import type { Variables } from '@parvis/engine';
import { loaderKey } from '../common/batch.ts';
import { type ApiContext, requireAgent } from '../common/context.ts';
import { completeTask } from './complete.ts';
import { type TaskRow, taskRepository } from './repository.ts';

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
    request: Request!
  }

  extend type Query {
    "Open tasks of the signed-in agent and their groups, oldest first."
    inbox: [Task!]!
    "One task of the agent's municipality."
    task(id: ID!): Task
  }

  extend type Mutation {
    "Completes an open task with the data of its form."
    completeTask(taskId: ID!, data: JSON): Task!
  }
`;

export const taskResolvers = {
  Query: {
    inbox: (_: unknown, __: unknown, ctx: ApiContext) => {
      const agent = requireAgent(ctx);
      return ctx.db.within(agent.municipalityId, (tx) => taskRepository(tx).inbox(agent));
    },
    task: async (_: unknown, args: { id: string }, ctx: ApiContext) =>
      (await ctx.db.within(requireAgent(ctx).municipalityId, (tx) => taskRepository(tx).find(args.id))) ?? null,
  },
  Mutation: {
    completeTask: (_: unknown, args: { taskId: string; data?: Variables }, ctx: ApiContext) =>
      completeTask(ctx, requireAgent(ctx), args.taskId, args.data ?? {}),
  },
  Task: {
    name: (t: TaskRow) => t.name ?? t.element_id,
    candidateGroups: (t: TaskRow) => t.candidate_groups,
    formId: (t: TaskRow) => t.form_id,
    form: (t: TaskRow, _: unknown, ctx: ApiContext) =>
      t.form_id ? ctx.db.within(t.municipality_id, (tx) => taskRepository(tx).form(t.request_id, t.form_id!)) : null,
    openedAt: (t: TaskRow) => t.opened_at.toISOString(),
    closedAt: (t: TaskRow) => t.closed_at?.toISOString() ?? null,
    completedBy: (t: TaskRow) => t.completed_by,
    request: (t: TaskRow, _: unknown, ctx: ApiContext) =>
      ctx.loaders.requestById.load(loaderKey(t.municipality_id, t.request_id)),
  },
};

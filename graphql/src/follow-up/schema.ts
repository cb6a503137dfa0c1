import { type ApiContext, requireAgent } from '../common/context.ts';
import { findTrackedRequest } from '../requests/find.ts';
import type { RequestRow } from '../requests/repository.ts';
import { type AnsweredFiles, answerRequest, awaitsAnswer } from './answer.ts';
import { openIncidents, resolveIncident } from './incidents.ts';

export const followUpTypeDefs = /* GraphQL */ `
  "Something that stops a request until a person acts: a failing service, an expression error."
  type Incident {
    id: ID!
    "the BPMN element where it happened"
    elementId: String!
    code: String!
    message: String!
  }

  "Files the citizen uploaded for one file field of the request's form, sent with an answer."
  input AnsweredFiles {
    "the form's file field (filepicker key) they were uploaded for"
    field: String!
    ids: [ID!]!
  }

  extend type Request {
    "Open incidents, live from the request's workflow."
    incidents: [Incident!]!
    "The request waits for the citizen's answer (answerRequest), live from its workflow."
    awaitsAnswer: Boolean!
  }

  extend type Mutation {
    "The citizen answers the town hall's request for information (tracking code and e-mail)."
    answerRequest(trackingCode: String!, email: String!, answer: String!, files: [AnsweredFiles!]): Request!
    "An agent the request concerns, or a manager, retries the step an incident stopped, once its cause is fixed."
    resolveIncident(trackingCode: String!, incidentId: ID!): Request!
  }
`;

export const followUpResolvers = {
  Request: {
    incidents: async (request: RequestRow, _: unknown, ctx: ApiContext) =>
      (await openIncidents(ctx, request)).map((incident) => ({ ...incident, id: incident.incidentId })),
    awaitsAnswer: (request: RequestRow, _: unknown, ctx: ApiContext) => awaitsAnswer(ctx, request),
  },
  Mutation: {
    answerRequest: (
      _: unknown,
      args: { trackingCode: string; email: string; answer: string; files?: AnsweredFiles[] | null },
      ctx: ApiContext,
    ) => answerRequest(ctx, args.trackingCode, args.email, args.answer, args.files ?? []),
    resolveIncident: async (_: unknown, args: { trackingCode: string; incidentId: string }, ctx: ApiContext) => {
      const agent = requireAgent(ctx);
      return resolveIncident(ctx, agent, await findTrackedRequest(ctx, args.trackingCode), args.incidentId);
    },
  },
};

import { requireAgent } from '../common/context.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { findTrackedRequest } from '../requests/find.ts';
import { answerRequest, awaitsAnswer } from './answer.ts';
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
    """
    The citizen answers the town hall (signed in, or with the e-mail): the answer joins the request's
    conversation, and goes to the message the request waits for, if it waits. question: the question
    they were shown (Conversation.question), refused (ALREADY_ANSWERED) if answered meanwhile;
    files: documents for the form's file fields; messageFiles: files uploaded for the conversation.
    """
    answerRequest(
      trackingCode: String!
      email: String
      answer: String!
      files: [AnsweredFiles!]
      question: ID
      messageFiles: [ID!]
    ): Request!
    "An agent the request concerns, or a manager, retries the step an incident stopped, once its cause is fixed."
    resolveIncident(trackingCode: String!, incidentId: ID!): Request!
  }
`;

export const followUpResolvers: Resolvers = {
  Request: {
    incidents: async (request, _, ctx) =>
      (await openIncidents(ctx, request)).map((incident) => ({ ...incident, id: incident.incidentId })),
    awaitsAnswer: (request, _, ctx) => awaitsAnswer(ctx, request),
  },
  Mutation: {
    answerRequest: (_, args, ctx) =>
      answerRequest(ctx, args.trackingCode, args.email ?? undefined, {
        text: args.answer,
        files: args.files ?? [],
        question: args.question,
        messageFiles: args.messageFiles,
      }),
    resolveIncident: async (_, args, ctx) => {
      const agent = requireAgent(ctx);
      return resolveIncident(ctx, agent, await findTrackedRequest(ctx, args.trackingCode), args.incidentId);
    },
  },
};

import type { Resolvers } from '../generated/resolvers.ts';
import { actOnIncident, parseVariables } from '../operations/incident-actions.ts';
import { answerRequest, awaitsAnswer } from './answer.ts';
import { openIncidents } from './incidents.ts';

export const followUpTypeDefs = /* GraphQL */ `
  "Something that stops a request until a person acts: a failing service, an expression error."
  type Incident {
    "the incident's id, to resolve it"
    id: ID!
    "the BPMN element where it happened"
    elementId: String!
    "what went wrong, as a stable code (e.g. DECISION_FAILED)"
    code: String!
    "what went wrong, in words"
    message: String!
  }

  "Files the citizen uploaded for one file field of the request's form, sent with an answer."
  input AnsweredFiles {
    "the form's file field (filepicker key) they were uploaded for"
    field: String!
    "ids of the files uploaded for that field (POST /files)"
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
      "the request's tracking code (XXXX-XXXX-XXXX)" trackingCode: String!
      "the e-mail address the request was filed with, for a citizen without an account" email: String
      "the citizen's answer, in words" answer: String!
      "files uploaded for the file fields asked for" files: [AnsweredFiles!]
      "the id of the question being answered" question: ID
      "ids of files attached to the answer (POST /files)" messageFiles: [ID!]
    ): Request!
    """
    Retries the step an incident stopped, once its cause is fixed, or resolves it with new values of the
    request's variables (set before the step runs again): an agent the request concerns, a manager, or
    an analyst (a retry only). Refused, nothing changed, for an incident resolved already (ALREADY_RESOLVED).
    """
    resolveIncident(
      "the request's tracking code (XXXX-XXXX-XXXX)"
      trackingCode: String!
      "the incident's id"
      incidentId: ID!
      "new values of the request's variables, by name, set where the failed step reads them (its own input when its input mapping names the variable); none for a plain retry"
      variables: JSON
    ): Request!
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
    resolveIncident: (_, args, ctx) =>
      actOnIncident(
        ctx,
        { trackingCode: args.trackingCode, incidentId: args.incidentId },
        parseVariables(args.variables),
      ),
  },
};

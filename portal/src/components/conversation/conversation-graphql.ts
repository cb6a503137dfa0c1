// GraphQL documents of a request's conversation and of agents' private notes, with the shape of
// what they return.

import type { Operation } from '../../composables/useGraphql.ts';
import type { RequestFileLink } from '../../graphql/files.ts';
import type {
  AddNoteMutation,
  AddNoteMutationVariables,
  AskCorrectionMutation,
  AskCorrectionMutationVariables,
  AttentionQuery,
  AttentionQueryVariables,
  ConversationQuery,
  ConversationQueryVariables,
  CorrectRequestMutation,
  CorrectRequestMutationVariables,
  MarkConversationReadMutation,
  MarkConversationReadMutationVariables,
  MarkMentionsSeenMutation,
  MarkMentionsSeenMutationVariables,
  RequestNotesQuery,
  RequestNotesQueryVariables,
  TrackingLinkQuery,
  TrackingLinkQueryVariables,
  WriteToCitizenMutation,
  WriteToCitizenMutationVariables,
  WriteToTownHallMutation,
  WriteToTownHallMutationVariables,
} from '../../graphql/generated/operations.ts';

export interface ConversationMessage {
  id: string;
  from: 'citizen' | 'townHall';
  authorName: string | null;
  kind: 'message' | 'question' | 'correction' | 'answer';
  text: string;
  sentAt: string;
  files: RequestFileLink[];
  fields: { field: string; label: string; value: unknown }[];
  answersId: string | null;
  answered: boolean;
  changes: { field: string; label: string; before: unknown; after: unknown }[];
  unread: boolean;
}

export interface Conversation {
  messages: ConversationMessage[];
  unread: number;
  question: ConversationMessage | null;
  citizenMayWrite: boolean;
}

const MESSAGE_FIELDS = /* GraphQL */ `
  fragment ConversationMessageFields on ConversationMessage {
    id from authorName kind text sentAt files { id name contentType size field url }
    fields { field label value } answersId answered changes { field label before after } unread
  }`;

/** A request's conversation, to spread (`...ConversationFields`) in a query on Request that appends it. */
export const CONVERSATION_FIELDS = /* GraphQL */ `
  fragment ConversationFields on Request {
    conversation { unread citizenMayWrite messages { ...ConversationMessageFields } question { ...ConversationMessageFields } }
  }
  ${MESSAGE_FIELDS}`;

/** The conversation of a request, for an agent it concerns (no e-mail) or its citizen. */
export const CONVERSATION: Operation<ConversationQuery, ConversationQueryVariables> = /* GraphQL */ `
  query Conversation($code: String!, $email: String) {
    request(trackingCode: $code, email: $email) {
      trackingCode status procedureKey awaitsAnswer startForm data ...ConversationFields
    }
  }
  ${CONVERSATION_FIELDS}`;

export const MARK_READ: Operation<MarkConversationReadMutation, MarkConversationReadMutationVariables> = /* GraphQL */ `
  mutation MarkConversationRead($code: String!, $email: String) {
    markConversationRead(trackingCode: $code, email: $email)
  }`;

export const WRITE_TO_CITIZEN: Operation<WriteToCitizenMutation, WriteToCitizenMutationVariables> = /* GraphQL */ `
  mutation WriteToCitizen($code: String!, $text: String!, $files: [ID!], $question: Boolean) {
    writeToCitizen(trackingCode: $code, text: $text, files: $files, question: $question) { id }
  }`;

export const WRITE_TO_TOWN_HALL: Operation<WriteToTownHallMutation, WriteToTownHallMutationVariables> = /* GraphQL */ `
  mutation WriteToTownHall($code: String!, $email: String, $text: String!, $files: [ID!]) {
    writeToTownHall(trackingCode: $code, email: $email, text: $text, files: $files) { id }
  }`;

export const ASK_CORRECTION: Operation<AskCorrectionMutation, AskCorrectionMutationVariables> = /* GraphQL */ `
  mutation AskCorrection($code: String!, $fields: [String!]!, $text: String!) {
    askCorrection(trackingCode: $code, fields: $fields, text: $text) { id }
  }`;

export const CORRECT_REQUEST: Operation<CorrectRequestMutation, CorrectRequestMutationVariables> = /* GraphQL */ `
  mutation CorrectRequest($code: String!, $email: String, $correction: ID!, $values: JSON!, $text: String) {
    correctRequest(trackingCode: $code, email: $email, correction: $correction, values: $values, text: $text) { id }
  }`;

export const TRACKING_LINK: Operation<TrackingLinkQuery, TrackingLinkQueryVariables> = /* GraphQL */ `
  query TrackingLink($token: String!) { trackingLink(token: $token) { trackingCode email } }`;

export type RequestNote = RequestNotesQuery['requestNotes'][number];

export const NOTES: Operation<RequestNotesQuery, RequestNotesQueryVariables> = /* GraphQL */ `
  query RequestNotes($code: String!) {
    requestNotes(trackingCode: $code) { id authorName text writtenAt mentions { id displayName } mentionsMeUnseen }
    mentionableColleagues(trackingCode: $code) { id displayName }
  }`;

export const ADD_NOTE: Operation<AddNoteMutation, AddNoteMutationVariables> = /* GraphQL */ `
  mutation AddNote($code: String!, $text: String!, $mentions: [ID!]) {
    addNote(trackingCode: $code, text: $text, mentions: $mentions) { id }
  }`;

export const MARK_MENTIONS_SEEN: Operation<MarkMentionsSeenMutation, MarkMentionsSeenMutationVariables> =
  /* GraphQL */ `
  mutation MarkMentionsSeen($code: String!) { markMentionsSeen(trackingCode: $code) }`;

export const ATTENTION: Operation<AttentionQuery, AttentionQueryVariables> = /* GraphQL */ `
  query Attention {
    unreadConversations { trackingCode unread }
    myMentions { trackingCode note { id authorName } }
  }`;

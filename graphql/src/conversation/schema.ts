import type { ApiContext } from '../common/context.ts';
import { CASEWORKERS, requireRole } from '../common/roles.ts';
import { fileUrl } from '../files/schema.ts';
import { requestFiles } from '../files/store.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { requestShownTo } from '../requests/access.ts';
import { findTrackedRequest } from '../requests/find.ts';
import type { RequestRow } from '../requests/repository.ts';
import { askCorrection, correctRequest } from './correction.ts';
import { currentQuestion } from './question.ts';
import { findCitizenRequest, type Reader, readerOf } from './reader.ts';
import { conversationRepository, type MessageRow } from './repository.ts';
import { openTrackingLink } from './tracking-links.ts';
import { unreadMessages } from './unread.ts';
import { writeToCitizen, writeToTownHall } from './write.ts';

/** How many requests with unread citizen messages the inbox's marker lists. */
const UNREAD_SHOWN = 20;

export const conversationTypeDefs = /* GraphQL */ `
  "One message of a request's conversation between the town hall and its citizen."
  type ConversationMessage {
    "the message's id"
    id: ID!
    "citizen, or townHall (an agent, or a mail the procedure sent the citizen)"
    from: String!
    "The agent who wrote it, shown to agents only (the citizen reads the town hall); null for the citizen and a procedure's mail."
    authorName: String
    "message; question (awaits an answer); correction (asks to correct named fields); answer"
    kind: String!
    "what was written"
    text: String!
    "when it was sent (ISO 8601)"
    sentAt: String!
    "Files sent with it."
    files: [RequestFile!]!
    "A correction: the fields it reopens, with their value now."
    fields: [CorrectionField!]!
    "An answer: the question or correction it answers."
    answersId: ID
    "A question or correction (or the town hall's message the request waited on): whether the citizen has answered it."
    answered: Boolean!
    "An answered correction: each field before and after."
    changes: [FieldChange!]!
    "Written by the other side since the reader last read the conversation (markConversationRead)."
    unread: Boolean!
  }

  "A form field a correction reopens."
  type CorrectionField {
    "the form field's key"
    field: String!
    "its label in the citizen's form"
    label: String!
    "the request's value now"
    value: JSON
  }

  "One corrected field: its value before and after the citizen's correction."
  type FieldChange {
    "the field's key"
    field: String!
    "the field's label, as the form shows it"
    label: String!
    "its value before the correction"
    before: JSON
    "its value after the correction"
    after: JSON
  }

  "The conversation of one request, as its reader (an agent, or the citizen) sees it."
  type Conversation {
    "Oldest first."
    messages: [ConversationMessage!]!
    "How many messages the other side wrote that the reader has not read."
    unread: Int!
    """
    What the citizen is asked now, shown beside the answer box: an open question or correction, else
    — while the request waits for the citizen's answer — the town hall's latest message. Null when
    nothing is asked.
    """
    question: ConversationMessage
    "Whether the citizen may write: not once the request is closed."
    citizenMayWrite: Boolean!
  }

  "Where a tracking link leads: the request's code and the e-mail it was filed with."
  type TrackingLinkTarget {
    "the request's tracking code"
    trackingCode: String!
    "the e-mail address the request was filed with"
    email: String!
  }

  extend type Request {
    "Messages between the town hall and the citizen, for an agent the request concerns or its citizen."
    conversation: Conversation!
    "Messages the other side wrote that the reader has not read (the agent's own marker, or the citizen's)."
    unreadMessages: Int!
  }

  "A request whose citizen wrote since the agent last read its conversation."
  type UnreadConversation {
    "the request's tracking code"
    trackingCode: String!
    "messages the agent has not read"
    unread: Int!
    "when the citizen's last message came (ISO 8601)"
    lastAt: String!
  }

  extend type Query {
    "The request a tracking link mailed to its citizen opens, for 30 days: LINK_INVALID once expired."
    trackingLink("the token of the link in the e-mail" token: String!): TrackingLinkTarget!
    "Agents: requests they may see whose citizen wrote since they last read, latest first (at most 20): the inbox's marker."
    unreadConversations: [UnreadConversation!]!
  }

  extend type Mutation {
    """
    An agent the request concerns writes to its citizen: a message, or (question: true) a question that
    awaits their answer, with files uploaded for the conversation; the citizen is told by e-mail with
    the tracking code and a link. On a closed request, messages only.
    """
    writeToCitizen(
      "the request's tracking code (XXXX-XXXX-XXXX)"
      trackingCode: String!
      "the text, as written"
      text: String!
      "ids of files uploaded first (POST /files)"
      files: [ID!]
      "true: a question the citizen is asked to answer"
      question: Boolean = false
    ): ConversationMessage!
    "An agent the request concerns asks its citizen to correct named fields of their form, saying why."
    askCorrection(
      "the request's tracking code (XXXX-XXXX-XXXX)"
      trackingCode: String!
      "keys of the form's fields to correct"
      fields: [String!]!
      "the text, as written"
      text: String!
    ): ConversationMessage!
    """
    The citizen writes to the town hall (signed in, or with the e-mail), with files uploaded for the
    conversation; refused on a closed request. An answer to a question goes through answerRequest.
    """
    writeToTownHall(
      "the request's tracking code (XXXX-XXXX-XXXX)"
      trackingCode: String!
      "the e-mail address the request was filed with, for a citizen without an account"
      email: String
      "the text, as written"
      text: String!
      "ids of files uploaded first (POST /files)"
      files: [ID!]
    ): ConversationMessage!
    "The citizen sends the fields a correction reopened (values by field key), with a word if they like."
    correctRequest(
      "the request's tracking code (XXXX-XXXX-XXXX)"
      trackingCode: String!
      "the e-mail address the request was filed with, for a citizen without an account"
      email: String
      "the id of the agent's request for correction"
      correction: ID!
      "the corrected values, by field key"
      values: JSON!
      "the text, as written"
      text: String
    ): ConversationMessage!
    "The reader (an agent the request concerns, else its citizen) has read the conversation so far."
    markConversationRead(
      "the request's tracking code (XXXX-XXXX-XXXX)"
      trackingCode: String!
      "the e-mail address the request was filed with, for a citizen without an account"
      email: String
    ): Boolean!
  }
`;

export interface ConversationView {
  request: RequestRow;
  reader: Reader;
  messages: MessageView[];
}

type MessageView = ReturnType<typeof messageView>;

function messageView(
  ctx: ApiContext,
  request: RequestRow,
  reader: Reader,
  message: MessageRow,
  files: { ids: string[]; all: Awaited<ReturnType<typeof requestFiles>> },
  readUntil: Date | undefined,
) {
  return {
    id: message.id,
    from: message.side,
    authorName: reader.side === 'townHall' ? message.author_name : null,
    kind: message.kind,
    text: message.body,
    sentAt: message.created_at.toISOString(),
    files: files.all
      .filter((file) => files.ids.includes(file.id))
      .map((file) => ({ ...file, url: fileUrl(ctx.publicUrl, file.id, request) })),
    fields: (message.fields ?? []).map((field) => ({ ...field, value: request.data[field.field] ?? null })),
    answersId: message.answers,
    answered: message.answered,
    changes: message.changes ?? [],
    unread: message.side !== reader.side && (!readUntil || message.created_at > readUntil),
  };
}

async function conversationOf(ctx: ApiContext, request: RequestRow, as?: Reader): Promise<ConversationView> {
  const reader = as ?? (await readerOf(ctx, request));
  return ctx.db.within(request.municipality_id, async (tx) => {
    const repository = conversationRepository(tx);
    const [rows, readUntil, fileIds, all] = [
      await repository.messages(request.id),
      await repository.readUntil(request.id, reader.id),
      await repository.fileIds(request.id),
      await requestFiles(tx, request.id),
    ];
    return {
      request,
      reader,
      messages: rows.map((row) =>
        messageView(ctx, request, reader, row, { ids: fileIds.get(row.id) ?? [], all }, readUntil),
      ),
    };
  });
}

/** The agent's request: one the access rule gives them, as for an unknown code otherwise. */
async function agentRequest(ctx: ApiContext, trackingCode: string) {
  const agent = requireRole(ctx, ...CASEWORKERS);
  return { agent, request: await findTrackedRequest({ ...ctx, citizen: undefined }, trackingCode) };
}

/** A message just written, as its writer reads it. */
const asWritten = async (ctx: ApiContext, request: RequestRow, row: MessageRow, writer: Reader) =>
  (await conversationOf(ctx, request, writer)).messages.find((message) => message.id === row.id)!;

const CITIZEN: Reader = { side: 'citizen', id: 'citizen' };

export const conversationResolvers: Resolvers = {
  Request: {
    conversation: (request, _, ctx) => conversationOf(ctx, request),
    unreadMessages: (request, _, ctx) => unreadMessages(ctx, request),
  },
  Conversation: {
    unread: (view) => view.messages.filter((message) => message.unread).length,
    question: async (view, _, ctx) => {
      const asked = await currentQuestion(ctx, view.request);
      return asked ? (view.messages.find((message) => message.id === asked.id) ?? null) : null;
    },
    citizenMayWrite: (view) => view.request.status !== 'closed',
  },
  Query: {
    trackingLink: (_, args, ctx) => openTrackingLink(ctx, args.token),
    unreadConversations: async (_, __, ctx) => {
      const agent = requireRole(ctx, ...CASEWORKERS);
      const rows = await ctx.db.within(agent.municipalityId, (tx) =>
        conversationRepository(tx).unreadByCitizens(agent.id, requestShownTo(tx, agent), UNREAD_SHOWN),
      );
      return rows.map((row) => ({
        trackingCode: row.tracking_code,
        unread: row.unread,
        lastAt: row.last_at.toISOString(),
      }));
    },
  },
  Mutation: {
    writeToCitizen: async (_, args, ctx) => {
      const { agent, request } = await agentRequest(ctx, args.trackingCode);
      const written = await writeToCitizen(ctx, agent, request, args);
      return asWritten(ctx, request, written, { side: 'townHall', id: agent.id, agent });
    },
    askCorrection: async (_, args, ctx) => {
      const { agent, request } = await agentRequest(ctx, args.trackingCode);
      const asked = await askCorrection(ctx, agent, request, args);
      return asWritten(ctx, request, asked, { side: 'townHall', id: agent.id, agent });
    },
    writeToTownHall: async (_, args, ctx) => {
      const request = await findCitizenRequest(ctx, args.trackingCode, args.email);
      return asWritten(ctx, request, await writeToTownHall(ctx, request, args), CITIZEN);
    },
    correctRequest: async (_, args, ctx) => {
      const request = await findCitizenRequest(ctx, args.trackingCode, args.email);
      const answer = await correctRequest(ctx, request, { correctionId: args.correction, ...args });
      // Read again: the request's data are the corrected ones now.
      return asWritten(ctx, await findCitizenRequest(ctx, args.trackingCode, args.email), answer, CITIZEN);
    },
    markConversationRead: async (_, args, ctx) => {
      const request = await findTrackedRequest(ctx, args.trackingCode, args.email ?? undefined);
      const reader = await readerOf(ctx, request);
      await ctx.db.within(request.municipality_id, (tx) =>
        conversationRepository(tx).markRead(request.municipality_id, request.id, reader.id),
      );
      return true;
    },
  },
};

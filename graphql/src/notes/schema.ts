import type { ApiContext } from '../common/context.ts';
import { CASEWORKERS, requireRole } from '../common/roles.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { requestShownTo } from '../requests/access.ts';
import { findTrackedRequest } from '../requests/find.ts';
import { type NoteRow, noteRepository } from './repository.ts';
import { addNote, mentionableColleagues } from './write.ts';

/** How many unseen mentions the inbox's marker lists. */
const MENTIONS_SHOWN = 20;

export const noteTypeDefs = /* GraphQL */ `
  "A private note between agents on a request: never shown to the citizen, nor reachable from any of their ways."
  type RequestNote {
    "the note's id"
    id: ID!
    "its author's name"
    authorName: String!
    "what was written"
    text: String!
    "when it was written (ISO 8601)"
    writtenAt: String!
    "Colleagues it mentions (the signature book's Colleague: an agent of the municipality)."
    mentions: [Colleague!]!
    "It mentions me, and I had not seen it (markMentionsSeen)."
    mentionsMeUnseen: Boolean!
  }

  "A note that mentions me and that I have not seen yet."
  type NoteMention {
    "the request's tracking code"
    trackingCode: String!
    "the note"
    note: RequestNote!
  }

  extend type Query {
    "Agents the request concerns (requests/access.ts): its private notes, oldest first."
    requestNotes("the request's tracking code (XXXX-XXXX-XXXX)" trackingCode: String!): [RequestNote!]!
    "Colleagues a note on this request may mention: those the request concerns."
    mentionableColleagues("the request's tracking code (XXXX-XXXX-XXXX)" trackingCode: String!): [Colleague!]!
    "Notes that mention me and that I have not seen, newest first (at most 20): the inbox's marker."
    myMentions: [NoteMention!]!
  }

  extend type Mutation {
    "An agent the request concerns writes a private note; each colleague mentioned is told by e-mail."
    addNote(
      "the request's tracking code (XXXX-XXXX-XXXX)"
      trackingCode: String!
      "the text, as written"
      text: String!
      "ids of the colleagues to tell"
      mentions: [ID!]
    ): RequestNote!
    "I have seen this request's notes that mention me: their marker goes."
    markMentionsSeen("the request's tracking code (XXXX-XXXX-XXXX)" trackingCode: String!): Boolean!
  }
`;

/** The agent's request: one the access rule gives them; unknown and not theirs answer alike. */
async function agentRequest(ctx: ApiContext, trackingCode: string) {
  const agent = requireRole(ctx, ...CASEWORKERS);
  // Never the citizen's ways (session, e-mail): notes stay on the agents' side.
  return { agent, request: await findTrackedRequest({ ...ctx, citizen: undefined }, trackingCode) };
}

/** A note as the API's RequestNote resolves it. */
export type NoteView = ReturnType<typeof noteView>;

const noteView = (note: NoteRow, me: string) => ({
  id: note.id,
  authorName: note.author_name,
  text: note.body,
  writtenAt: note.created_at.toISOString(),
  mentions: note.mentions.map(({ id, displayName, groups }) => ({ id, display_name: displayName, groups })),
  mentionsMeUnseen: note.mentions.some((mention) => mention.id === me && !mention.seen),
});

export const noteResolvers: Resolvers = {
  Query: {
    requestNotes: async (_, args, ctx) => {
      const { agent, request } = await agentRequest(ctx, args.trackingCode);
      const notes = await ctx.db.within(request.municipality_id, (tx) => noteRepository(tx).notes(request.id));
      return notes.map((note) => noteView(note, agent.id));
    },
    mentionableColleagues: async (_, args, ctx) => {
      const { agent, request } = await agentRequest(ctx, args.trackingCode);
      return mentionableColleagues(ctx, agent, request);
    },
    myMentions: async (_, __, ctx) => {
      const agent = requireRole(ctx, ...CASEWORKERS);
      const rows = await ctx.db.within(agent.municipalityId, (tx) =>
        noteRepository(tx).unseenMentions(agent.id, requestShownTo(tx, agent), MENTIONS_SHOWN),
      );
      return rows.map((row) => ({ trackingCode: row.tracking_code, note: noteView(row, agent.id) }));
    },
  },
  Mutation: {
    addNote: async (_, args, ctx) => {
      const { agent, request } = await agentRequest(ctx, args.trackingCode);
      const id = await addNote(ctx, agent, request, args);
      const notes = await ctx.db.within(request.municipality_id, (tx) => noteRepository(tx).notes(request.id));
      return noteView(notes.find((note) => note.id === id)!, agent.id);
    },
    markMentionsSeen: async (_, args, ctx) => {
      const { agent, request } = await agentRequest(ctx, args.trackingCode);
      await ctx.db.within(request.municipality_id, (tx) => noteRepository(tx).markSeen(agent.id, request.id));
      return true;
    },
  },
};

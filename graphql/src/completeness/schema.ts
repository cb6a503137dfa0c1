import { CASEWORKERS, requireRole } from '../common/roles.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { declareCompleteness } from './declare.ts';
import { fileCompleteness, requiredPieces } from './pieces.ts';

export const completenessTypeDefs = /* GraphQL */ `
  "A piece of a file that a procedure requires (its piece.<id> properties), in French and English."
  type RequiredPiece {
    "What declareFileIncomplete takes, e.g. plan."
    id: ID!
    "In French: « Plan de l'emplacement avec ses cotes »."
    labelFr: String!
    "In English: « Site plan with its dimensions »."
    labelEn: String!
  }

  "Pieces missing from a request's file (CRPA art. L114-5): its legal delays wait for them."
  type MissingPieces {
    "What is missing."
    pieces: [RequiredPiece!]!
    "ISO 8601: when the file was first declared incomplete."
    since: String!
    "Who declared it (an agent's name, or Parvis for a piece the form left empty)."
    declaredBy: String!
    "YYYY-MM-DD: the date by which the citizen is asked to send them."
    deadline: String!
  }

  extend type Request {
    "ISO 8601: when the file became complete after pieces were missing; the implicit-decision delay and the instruction deadline run from then. Null when it was complete at receipt, or is still incomplete."
    completeAt: String
    "The pieces missing while the file is incomplete; null when it is complete."
    missingPieces: MissingPieces
    "The pieces the procedure version of this request requires: those an agent may declare missing."
    requiredPieces: [RequiredPiece!]!
  }

  extend type Mutation {
    "Agents: declares the request's file incomplete, naming the missing pieces (ids of requiredPieces). Its implicit-decision delay and instruction deadline stop; the citizen is told the list and the deadline to send them. Refused on a closed request (REQUEST_CLOSED) or with an unknown piece (BAD_USER_INPUT)."
    declareFileIncomplete(
      "The request's tracking code."
      trackingCode: String!
      "The ids of the missing pieces, among the request's requiredPieces."
      pieces: [ID!]!
    ): Request!
    "Agents: declares the request's file complete: its implicit-decision delay and instruction deadline start now, and the citizen is told the dates. Refused when it is not incomplete, e.g. declared twice (ALREADY_COMPLETE), or closed (REQUEST_CLOSED)."
    declareFileComplete(
      "The request's tracking code."
      trackingCode: String!
    ): Request!
  }
`;

const asRequiredPiece = (piece: { id: string; fr: string; en: string }) => ({
  id: piece.id,
  labelFr: piece.fr,
  labelEn: piece.en,
});

export const completenessResolvers: Resolvers = {
  Mutation: {
    declareFileIncomplete: (_, args, ctx) =>
      declareCompleteness(ctx, requireRole(ctx, ...CASEWORKERS), args.trackingCode, {
        kind: 'incomplete',
        pieces: [...args.pieces],
      }),
    declareFileComplete: (_, args, ctx) =>
      declareCompleteness(ctx, requireRole(ctx, ...CASEWORKERS), args.trackingCode, { kind: 'complete' }),
  },
  Request: {
    completeAt: (request, _, ctx) =>
      ctx.db.within(request.municipality_id, async (tx) => {
        const row = await fileCompleteness(tx, request.id);
        return row?.complete_at?.toISOString() ?? null;
      }),
    missingPieces: (request, _, ctx) =>
      ctx.db.within(request.municipality_id, async (tx) => {
        const incomplete = (await fileCompleteness(tx, request.id))?.missing_pieces;
        if (!incomplete) return null;
        return {
          pieces: incomplete.missing.map(asRequiredPiece),
          since: incomplete.since,
          declaredBy: incomplete.by,
          deadline: incomplete.deadline,
        };
      }),
    requiredPieces: (request, _, ctx) =>
      ctx.db.within(request.municipality_id, async (tx) => (await requiredPieces(tx, request.id)).map(asRequiredPiece)),
  },
};

import type { Resolvers } from '../generated/resolvers.ts';
import { checkDocument } from './document-check.ts';

export const documentCheckTypeDefs = /* GraphQL */ `
  "An issued document as the public check shows it: what the paper itself prints."
  type CheckedDocument {
    number: String!
    title(lang: Lang = fr): String!
    issuedAt: String!
    "The fingerprint printed on the document: a copy whose stored content changed no longer matches it."
    fingerprint: String!
  }

  "A signature of the request, checked again now: who, in which role, when, what, and whether it holds."
  type CheckedSignature {
    step: String!
    signer: String!
    "Whom the signer signed for, under a delegation."
    onBehalfOf: String
    "The groups the step was for, by their names in the organisation (their keys when unnamed)."
    role: [String!]!
    signedAt: String!
    "approve, refuse or return"
    decision: String!
    valid: Boolean!
  }

  "The public check of a document and the request it comes from, for anyone holding it; nothing personal beyond what the document shows."
  type DocumentCheck {
    municipality: String!
    trackingCode: String!
    procedureTitle(lang: Lang = fr): String!
    "The document checked, when its number was given."
    document: CheckedDocument
    "Every signature and the history's hash chain hold."
    valid: Boolean!
    "No event of the request's history was altered, removed or inserted."
    historyIntact: Boolean!
    signatures: [CheckedSignature!]!
    "When the request's data were erased at the person's request: the signatures still verify, the data they covered cannot be compared."
    dataErasedAt: String
    checkedAt: String!
  }

  extend type Query {
    "Anyone, no sign-in (the QR code of each document leads here): checks a request's signatures, and its issued document when the number is given. Null when nothing matches: the document may be a forgery."
    documentCheck(municipality: ID!, trackingCode: String!, documentNumber: String): DocumentCheck
  }
`;

export const documentCheckResolvers: Resolvers = {
  Query: {
    documentCheck: async (_, args, ctx) =>
      (await ctx.db.within(args.municipality, (tx) =>
        checkDocument(tx, args.trackingCode, args.documentNumber ?? undefined),
      )) ?? null,
  },
  DocumentCheck: {
    procedureTitle: (check, args) => check.procedureTitle[args.lang],
  },
  CheckedDocument: {
    title: (document, args) => document.title[args.lang],
  },
};

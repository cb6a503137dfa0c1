import type { Resolvers } from '../generated/resolvers.ts';
import { checkDocument } from './document-check.ts';

export const documentCheckTypeDefs = /* GraphQL */ `
  "An issued document as the public check shows it: what the paper itself prints."
  type CheckedDocument {
    "the document's number, as printed on it"
    number: String!
    "the document's title, in the language asked"
    title("language of the text: FR (the default) or EN" lang: Lang = FR): String!
    "when it was issued (ISO 8601)"
    issuedAt: String!
    "The fingerprint printed on the document: a copy whose stored content changed no longer matches it."
    fingerprint: String!
  }

  "A signature of the request, checked again now: who, in which role, when, what, and whether it holds."
  type CheckedSignature {
    "the step it decided"
    step: String!
    "the signer's name"
    signer: String!
    "Whom the signer signed for, under a delegation."
    onBehalfOf: String
    "The groups the step was for, by their names in the organisation (their keys when unnamed)."
    role: [String!]!
    "when it was signed (ISO 8601)"
    signedAt: String!
    "approve, refuse or return"
    decision: String!
    "whether it verifies now"
    valid: Boolean!
  }

  "The public check of a document and the request it comes from, for anyone holding it; nothing personal beyond what the document shows."
  type DocumentCheck {
    "the town's name"
    municipality: String!
    "the request's tracking code"
    trackingCode: String!
    "its procedure's title, in the language asked"
    procedureTitle("language of the text: FR (the default) or EN" lang: Lang = FR): String!
    "The document checked, when its number was given."
    document: CheckedDocument
    "Every signature and the history's hash chain hold."
    valid: Boolean!
    "No event of the request's history was altered, removed or inserted."
    historyIntact: Boolean!
    "the request's signatures, checked again"
    signatures: [CheckedSignature!]!
    "When the request's data were erased at the person's request: the signatures still verify, the data they covered cannot be compared."
    dataErasedAt: String
    "when it was checked (ISO 8601)"
    checkedAt: String!
  }

  extend type Query {
    "Anyone, no sign-in (the QR code of each document leads here): checks a request's signatures, and its issued document when the number is given. Null when nothing matches: the document may be a forgery."
    documentCheck(
      "the town's id (its slug, e.g. demo)"
      municipality: ID!
      "the request's tracking code (XXXX-XXXX-XXXX)"
      trackingCode: String!
      "the document's number, printed on it; absent, the request alone"
      documentNumber: String
    ): DocumentCheck
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

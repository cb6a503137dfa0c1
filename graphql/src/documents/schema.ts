import type { Resolvers } from '../generated/resolvers.ts';
import { DOCUMENT_KINDS, type DocumentKind, documentUrl } from './document-kinds.ts';
import { issuedDocumentUrl, listIssuedDocuments } from './issued-documents.ts';
import type { Bilingual } from './letter.ts';
import { hasImplicitAcceptance } from './request-document.ts';

export const documentTypeDefs = /* GraphQL */ `
  "A document of a request, as a PDF to download."
  type Document {
    "acknowledgement, implicitAcceptanceCertificate, signedDecision (the signature book's record), or the template of a document a task issued (letter, permit, civil-status-extract, decision)"
    kind: String!
    "the document's title, in the language asked"
    title("language of the text: FR (the default) or EN" lang: Lang = FR): String!
    "Download address; it carries the e-mail the request was filed with, which opens it to the citizen."
    url: String!
  }

  extend type Request {
    "Its acknowledgement of receipt, the certificate of implicit acceptance once silence has accepted it, then the documents its tasks issued."
    documents: [Document!]!
  }
`;

export interface RequestDocumentLink {
  kind: DocumentKind | string;
  url: string;
  /** An issued document's own title; the others take their kind's. */
  title?: Required<Bilingual>;
}

export const documentResolvers: Resolvers = {
  Request: {
    documents: async (request, _, ctx): Promise<RequestDocumentLink[]> => {
      const kinds: DocumentKind[] = ['acknowledgement'];
      const [accepted, issued] = await ctx.db.within(
        request.municipality_id,
        async (tx) =>
          [await hasImplicitAcceptance(tx, request.tracking_code), await listIssuedDocuments(tx, request.id)] as const,
      );
      if (accepted) kinds.push('implicitAcceptanceCertificate');
      const [signed] = await ctx.db.within(
        request.municipality_id,
        (tx) => tx`select 1 from timeline_events where request_id = ${request.id} and kind = 'signed' limit 1`,
      );
      if (signed) kinds.push('signedDecision');
      return [
        ...kinds.map((kind) => ({
          kind,
          url: documentUrl(ctx.publicUrl, request.tracking_code, kind, request.citizen_email),
        })),
        ...issued.map((document) => ({
          kind: document.template,
          title: document.title,
          url: issuedDocumentUrl(ctx.publicUrl, request.tracking_code, document.documentNumber, request.citizen_email),
        })),
      ];
    },
  },
  Document: {
    title: (document, args) =>
      document.title?.[args.lang] ?? DOCUMENT_KINDS[document.kind as DocumentKind].title[args.lang],
  },
};

import type { ApiContext } from '../common/context.ts';
import type { RequestRow } from '../requests/repository.ts';
import { DOCUMENT_KINDS, type DocumentKind, documentUrl } from './document-kinds.ts';
import { hasImplicitAcceptance } from './request-document.ts';

export const documentTypeDefs = /* GraphQL */ `
  "A document of a request, as a PDF to download."
  type Document {
    "acknowledgement or implicitAcceptanceCertificate"
    kind: String!
    title(lang: Lang = fr): String!
    "Download address; it carries the e-mail the request was filed with, which opens it to the citizen."
    url: String!
  }

  extend type Request {
    "Its acknowledgement of receipt, and the certificate of implicit acceptance once silence has accepted it."
    documents: [Document!]!
  }
`;

interface RequestDocumentLink {
  kind: DocumentKind;
  url: string;
}

export const documentResolvers = {
  Request: {
    documents: async (request: RequestRow, _: unknown, ctx: ApiContext): Promise<RequestDocumentLink[]> => {
      const kinds: DocumentKind[] = ['acknowledgement'];
      const accepted = await ctx.db.within(request.municipality_id, (tx) =>
        hasImplicitAcceptance(tx, request.tracking_code),
      );
      if (accepted) kinds.push('implicitAcceptanceCertificate');
      return kinds.map((kind) => ({
        kind,
        url: documentUrl(ctx.publicUrl, request.tracking_code, kind, request.citizen_email),
      }));
    },
  },
  Document: {
    title: (document: RequestDocumentLink, args: { lang: 'fr' | 'en' }) =>
      DOCUMENT_KINDS[document.kind].title[args.lang],
  },
};

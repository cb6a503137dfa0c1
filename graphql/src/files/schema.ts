import { loaderKey } from '../common/batch.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import type { RequestRow } from '../requests/repository.ts';
import type { StoredFile } from './store.ts';

export const fileTypeDefs = /* GraphQL */ `
  "A file sent with a request: a photo or a document uploaded with its form, an e-mail's attachment."
  type RequestFile {
    "the file's id, to download it at /files/<id>"
    id: ID!
    "Its name as sent, without any path or unsafe character."
    name: String!
    "The type its bytes show (image/jpeg, application/pdf…), not the one claimed."
    contentType: String!
    "Size in bytes."
    size: Int!
    "The form field it was sent with (photos), when it came with a form."
    field: String
    "SHA-256 of its content, hex"
    sha256: String!
    "when it was uploaded (ISO 8601)"
    uploadedAt: String!
    "Download address; it carries the request's code and e-mail, which open it to the citizen."
    url: String!
  }

  extend type Request {
    "The files sent with the request, oldest first."
    files: [RequestFile!]!
  }
`;

type FileLink = StoredFile & { url: string };

export const fileResolvers: Resolvers = {
  Request: {
    files: async (request, _, ctx): Promise<FileLink[]> => {
      const files = await ctx.loaders.filesByRequest.load(loaderKey(request.municipality_id, request.id));
      return files.map((file) => ({ ...file, url: fileUrl(ctx.publicUrl, file.id, request) }));
    },
  },
  RequestFile: {
    uploadedAt: (file) => file.uploadedAt.toISOString(),
  },
};

/** The download address of a request's file: it carries the request's code and e-mail, which open it to the citizen. */
export function fileUrl(publicUrl: string, id: string, request: RequestRow): string {
  const url = new URL(`/files/${id}`, publicUrl);
  url.searchParams.set('code', request.tracking_code);
  if (request.citizen_email) url.searchParams.set('email', request.citizen_email);
  return url.toString();
}

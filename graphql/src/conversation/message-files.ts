import type { Db } from '../common/database.ts';
import { attachUploads } from '../files/index.ts';
import type { RequestRow } from '../requests/repository.ts';
import { checkedFiles } from './refusals.ts';

/**
 * The form field uploads for a request's conversation are kept under: one per request, so an upload
 * made for one request's conversation cannot be attached to another's.
 */
export const messageUploadField = (trackingCode: string) => `conversation:${trackingCode}`;

/**
 * Attaches the files uploaded for the request's conversation (POST /files/…/demandes/<code>) to the
 * request, in the message's transaction: an upload that is not one of them (another request's, more
 * than an hour old, already sent) refuses the whole message (FORM_INVALID naming `files`).
 */
export async function attachMessageFiles(tx: Db, request: RequestRow, ids: readonly string[] | null | undefined) {
  const files = checkedFiles(ids);
  if (files.length === 0) return [];
  await attachUploads(tx, request.id, request.procedure_key, [
    { field: messageUploadField(request.tracking_code), path: 'files', ids: files },
  ]);
  return files;
}

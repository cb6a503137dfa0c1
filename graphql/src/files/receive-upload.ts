import type { Request, Response } from 'express';
import { safeFileName } from './file-name.ts';
import { readUpload } from './read-upload.ts';
import { tooLarge } from './store.ts';

// Room for the multipart envelope around the file itself.
const ENVELOPE_BYTES = 64 * 1024;

/** How an upload route answers a refusal; `name` is the file's name as sent, for the log. */
export type UploadRefusal = (status: number, code: string, message: string, name?: string) => void;

/**
 * Reads an upload's one file (multipart part `file`) within `maxBytes`: its name and bytes, or
 * undefined once `refuse` has answered — a body announced too large (refused before it is read),
 * an unreadable body, a file over the limit.
 */
export async function receiveUpload(
  req: Request,
  res: Response,
  maxBytes: number,
  refuse: UploadRefusal,
): Promise<{ name: string; bytes: Uint8Array } | undefined> {
  if (Number(req.headers['content-length'] ?? 0) > maxBytes + ENVELOPE_BYTES) {
    res.set('Connection', 'close');
    const refusal = tooLarge(undefined, maxBytes);
    refuse(refusal.status, refusal.code, refusal.message);
    return undefined;
  }
  const upload = await readUpload(req.headers, req, maxBytes);
  if (upload.kind === 'malformed') {
    refuse(
      400,
      'BAD_REQUEST',
      `Envoi illisible : un seul fichier, dans la partie « file » d'un corps multipart/form-data (${upload.reason}). / Unreadable upload: one file, in the part "file" of a multipart/form-data body (${upload.reason}).`,
    );
    return undefined;
  }
  if (upload.kind === 'tooLarge') {
    const refusal = tooLarge(safeFileName(upload.name), maxBytes);
    refuse(refusal.status, refusal.code, refusal.message, upload.name);
    return undefined;
  }
  return upload;
}

import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';

export type Upload =
  | { kind: 'file'; name: string; bytes: Uint8Array }
  | { kind: 'tooLarge'; name: string }
  | { kind: 'malformed'; reason: string };

/**
 * Reads the one file of a multipart/form-data body (part `file`), keeping at most `maxBytes` in
 * memory: a larger file is read to its end (so the client gets the answer) and dropped.
 */
export function readUpload(headers: IncomingHttpHeaders, body: Readable, maxBytes: number): Promise<Upload> {
  return new Promise((resolve) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers,
        defParamCharset: 'utf8',
        limits: { fileSize: maxBytes, files: 1, fields: 10, parts: 11 },
      });
    } catch {
      return resolve({ kind: 'malformed', reason: 'multipart/form-data expected' });
    }
    let upload: Upload | undefined;
    parser.on('file', (part, stream, info) => {
      const chunks: Buffer[] = [];
      let truncated = false;
      stream.on('data', (chunk: Buffer) => {
        if (!truncated) chunks.push(chunk);
      });
      stream.on('limit', () => {
        truncated = true;
        chunks.length = 0;
      });
      stream.on('end', () => {
        if (part !== 'file') return;
        const name = info.filename ?? '';
        upload = truncated ? { kind: 'tooLarge', name } : { kind: 'file', name, bytes: Buffer.concat(chunks) };
      });
    });
    parser.on('filesLimit', () => {
      upload = { kind: 'malformed', reason: 'one file per upload' };
    });
    parser.on('error', (error: Error) => resolve({ kind: 'malformed', reason: error.message }));
    parser.on('close', () => resolve(upload ?? { kind: 'malformed', reason: 'no part named "file"' }));
    body.pipe(parser);
  });
}

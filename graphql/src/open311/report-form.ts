import busboy from 'busboy';
import type { Request } from 'express';
import { safeFileName } from '../files/file-name.ts';
import { sizeInWords } from '../files/limits.ts';
import { Open311Error } from './errors.ts';

/** The largest photo an app may send with a report (`media`): larger, it keeps it and sends `media_url`. */
export const MEDIA_MAX_BYTES = 1024 * 1024;

/** What an app posted: GeoReport's own fields, its `attribute[<code>]` values, and a photo. */
export interface PostedReport {
  fields: Record<string, unknown>;
  attributes: Record<string, unknown>;
  media?: { name: string; bytes: Buffer };
}

const ATTRIBUTE = /^attribute\[([^\]]+)\](\[\])?$/;

/** A form-encoded or JSON body, already read by express. */
export function postedOf(body: unknown): PostedReport {
  const { attribute, ...fields } = (typeof body === 'object' && body ? body : {}) as Record<string, unknown>;
  return {
    fields,
    attributes: typeof attribute === 'object' && attribute && !Array.isArray(attribute) ? { ...attribute } : {},
  };
}

const tooLarge = () => {
  const max = sizeInWords(MEDIA_MAX_BYTES);
  return new Open311Error(
    413,
    `media dépasse ${max.fr} : réduisez la photo, ou envoyez son adresse dans media_url. / media is larger than ${max.en}: send a smaller photo, or its address as media_url.`,
  );
};

/** A multipart/form-data body: its fields, and its one file part `media`, within MEDIA_MAX_BYTES. */
export function readMultipart(req: Request): Promise<PostedReport> {
  if (Number(req.headers['content-length'] ?? 0) > MEDIA_MAX_BYTES + 256 * 1024) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const posted: PostedReport = { fields: {}, attributes: {} };
    let refusal: Open311Error | undefined;
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { fileSize: MEDIA_MAX_BYTES, files: 1, fields: 200, fieldSize: 100 * 1024 },
      });
    } catch {
      return reject(new Open311Error(400, 'Corps multipart illisible. / Unreadable multipart body.'));
    }
    parser.on('field', (name, value) => {
      const attribute = ATTRIBUTE.exec(name);
      if (!attribute) {
        posted.fields[name] = value;
        return;
      }
      const [, code, many] = attribute as unknown as [string, string, string | undefined];
      if (!many) posted.attributes[code] = value;
      else posted.attributes[code] = [...((posted.attributes[code] as string[] | undefined) ?? []), value];
    });
    parser.on('file', (part, stream, info) => {
      if (part !== 'media') {
        refusal ??= new Open311Error(
          400,
          `Fichier inattendu : ${part} (seul media). / Unexpected file: ${part} (media only).`,
        );
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        refusal = tooLarge();
        chunks.length = 0;
      });
      stream.on('end', () => {
        if (!refusal) posted.media = { name: safeFileName(info.filename ?? 'media'), bytes: Buffer.concat(chunks) };
      });
    });
    parser.on('filesLimit', () => {
      refusal ??= new Open311Error(400, 'Une seule photo par signalement (media). / One photo per report (media).');
    });
    parser.on('error', (error: Error) =>
      reject(new Open311Error(400, `Corps multipart illisible (${error.message}). / Unreadable multipart body.`)),
    );
    parser.on('close', () => (refusal ? reject(refusal) : resolve(posted)));
    req.pipe(parser);
  });
}

import { createHash } from 'node:crypto';
import type { Db } from '../common/database.ts';
import { isUuid } from '../common/uuid.ts';
import { safeFileName } from './file-name.ts';
import { isAccepted, KEPT_TYPES, sniffType } from './file-types.ts';
import { maxUploadBytes, sizeInWords, UNATTACHED_LIFETIME_HOURS } from './limits.ts';
import { FileRefused } from './refusal.ts';

export interface FileToStore {
  municipalityId: string;
  /** The name as the sender gave it: any path and unsafe character is removed. */
  name: string;
  bytes: Uint8Array;
  /** `web` for a form upload, `email` for an attachment… */
  channel?: string;
  /** A form upload: the procedure and the filepicker field it was sent for. */
  procedureKey?: string;
  fieldKey?: string;
  /** Attached at once (an e-mail's attachment stored with its request). */
  requestId?: string;
  /** Who sent an upload awaiting its form (a client key), counted against their quota until it is attached. */
  uploader?: string;
}

export interface FileLimits {
  /** Defaults to `PARVIS_UPLOAD_MAX_BYTES` (10 MB). */
  maxBytes?: number;
  /** A form-js/HTML accept list (`image/*,.pdf`); empty: every type Parvis keeps. */
  accept?: string;
}

export interface StoredFile {
  id: string;
  /** The form field it was sent for (`photos`, `children[1].photo`), when uploaded with a form. */
  field?: string | null;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: Date;
}

/**
 * Checks a file against the limits and keeps it in the transaction's municipality. Throws
 * FileRefused (nothing stored) when it is empty, too large, or of a type not kept or not accepted.
 */
export async function storeFile(tx: Db, file: FileToStore, limits: FileLimits = {}): Promise<StoredFile> {
  const name = safeFileName(file.name);
  const maxBytes = limits.maxBytes ?? maxUploadBytes();
  if (file.bytes.byteLength === 0) {
    throw new FileRefused('FILE_EMPTY', `« ${name} » est vide. / "${name}" is empty.`, 422);
  }
  if (file.bytes.byteLength > maxBytes) throw tooLarge(name, maxBytes);
  const type = await sniffType(file.bytes);
  if (!type || !isAccepted(type, limits.accept)) throw typeRefused(name, limits.accept);
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const [row] = await tx<{ id: string; uploaded_at: Date }[]>`
    insert into stored_files (municipality_id, request_id, procedure_key, field_key, channel, name, content_type,
      size, sha256, content, attached_at, uploader)
    values (${file.municipalityId}, ${file.requestId ?? null}, ${file.procedureKey ?? null}, ${file.fieldKey ?? null},
      ${file.channel ?? 'web'}, ${name}, ${type.mime}, ${file.bytes.byteLength}, ${sha256},
      ${Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength)},
      ${file.requestId ? new Date() : null}, ${file.requestId ? null : (file.uploader ?? null)})
    returning id, uploaded_at`;
  return {
    id: row!.id,
    name,
    contentType: type.mime,
    size: file.bytes.byteLength,
    sha256,
    uploadedAt: row!.uploaded_at,
  };
}

/** A file over the limit; without its name when the body was refused unread. */
export function tooLarge(name: string | undefined, maxBytes: number): FileRefused {
  const max = sizeInWords(maxBytes);
  const [fr, en] = name ? [`« ${name} »`, `"${name}"`] : ['Le fichier', 'The file'];
  return new FileRefused(
    'FILE_TOO_LARGE',
    `${fr} dépasse la taille maximale de ${max.fr} : réduisez-le (une photo moins grande, un PDF compressé). / ${en} is larger than ${max.en}: make it smaller (a smaller photo, a compressed PDF).`,
    413,
  );
}

function typeRefused(name: string, accept: string | undefined): FileRefused {
  const allowed = accept?.trim() || Object.values(KEPT_TYPES).flat().join(', ');
  return new FileRefused(
    'FILE_TYPE_REFUSED',
    `« ${name} » n'est pas d'un type accepté ici (d'après son contenu). Types acceptés : ${allowed}. / "${name}" is not of a type accepted here (judging by its content). Accepted: ${allowed}.`,
    415,
  );
}

export interface FileContent extends StoredFile {
  requestId: string | null;
  content: Buffer;
}

/** A file of the transaction's municipality with its bytes; undefined for another's or none. */
export async function readStoredFile(tx: Db, id: string): Promise<FileContent | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await tx<
    {
      id: string;
      name: string;
      content_type: string;
      size: number;
      sha256: string;
      uploaded_at: Date;
      request_id: string | null;
      content: Buffer;
    }[]
  >`select id, name, content_type, size, sha256, uploaded_at, request_id, content from stored_files where id = ${id}`;
  if (!row) return undefined;
  return {
    id: row.id,
    name: row.name,
    contentType: row.content_type,
    size: row.size,
    sha256: row.sha256,
    uploadedAt: row.uploaded_at,
    requestId: row.request_id,
    content: row.content,
  };
}

/** The files attached to a request, oldest first, without their bytes. */
export async function requestFiles(tx: Db, requestId: string): Promise<StoredFile[]> {
  return (await filesOfRequests(tx, [requestId])).get(requestId) ?? [];
}

/** The files of several requests at once, by request, oldest first, without their bytes. */
export async function filesOfRequests(tx: Db, requestIds: string[]): Promise<Map<string, StoredFile[]>> {
  const rows = await tx<
    {
      id: string;
      request_id: string;
      field_key: string | null;
      name: string;
      content_type: string;
      size: number;
      sha256: string;
      uploaded_at: Date;
    }[]
  >`select id, request_id, field_key, name, content_type, size, sha256, uploaded_at from stored_files
    where request_id in ${tx(requestIds)} order by uploaded_at, name`;
  const byRequest = new Map<string, StoredFile[]>();
  for (const row of rows) {
    const file = {
      id: row.id,
      field: row.field_key,
      name: row.name,
      contentType: row.content_type,
      size: row.size,
      sha256: row.sha256,
      uploadedAt: row.uploaded_at,
    };
    byRequest.set(row.request_id, [...(byRequest.get(row.request_id) ?? []), file]);
  }
  return byRequest;
}

/** Deletes the transaction's municipality's uploads that no submission took within the hour. */
export async function sweepUnattachedFiles(tx: Db): Promise<number> {
  const deleted = await tx`delete from stored_files
    where request_id is null and uploaded_at < now() - make_interval(hours => ${UNATTACHED_LIFETIME_HOURS})`;
  return deleted.count;
}

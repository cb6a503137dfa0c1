// Files people send with a request (form uploads, e-mail attachments), kept in PostgreSQL under
// row-level security. How to call it, inside a transaction sealed to the municipality:
//
//   const file = await db.within(municipalityId, (tx) =>
//     storeFile(tx, { municipalityId, name, bytes, channel: 'email', requestId }, { accept: 'image/*,.pdf' }));
//
// storeFile sanitises the name, sniffs the type from the bytes and throws FileRefused (code, a
// French/English message, an HTTP status) when the file is empty, larger than
// PARVIS_UPLOAD_MAX_BYTES (10 MB) or of a type not kept or not accepted; nothing is stored then.
// With a requestId the file is attached at once; without one it waits for a form submission
// (attachUploads), and is deleted after an hour if none comes. An upload counts, until attached,
// against its client's and its town's quotas of unattached bytes within the hour
// (PARVIS_UPLOAD_QUOTA_CLIENT_BYTES, 50 MB; PARVIS_UPLOAD_QUOTA_TOWN_BYTES, 2 GB): the upload
// route refuses beyond them with UPLOAD_QUOTA_EXCEEDED (429). readStoredFile(tx, id) gives it back
// with its bytes, undefined when it belongs to another municipality; requestFiles(tx, requestId)
// lists a request's files without their bytes.
export { type AttachedUpload, attachUploads } from './attach.ts';
export { safeFileName } from './file-name.ts';
export { isAccepted, KEPT_TYPES, sniffType } from './file-types.ts';
export { DEFAULT_MAX_BYTES, maxUploadBytes, UNATTACHED_LIFETIME_HOURS } from './limits.ts';
export { FileRefused, type RefusalCode } from './refusal.ts';
export {
  type FileContent,
  type FileLimits,
  type FileToStore,
  filesOfRequests,
  readStoredFile,
  requestFiles,
  type StoredFile,
  storeFile,
  sweepUnattachedFiles,
} from './store.ts';

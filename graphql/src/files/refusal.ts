/** Why a file was not kept; `message` is French then English, for the person who sent it. */
export type RefusalCode = 'FILE_EMPTY' | 'FILE_TOO_LARGE' | 'FILE_TYPE_REFUSED' | 'UPLOAD_QUOTA_EXCEEDED';

export class FileRefused extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
    /** The HTTP status an upload gets for it. */
    readonly status: 413 | 415 | 422 | 429,
    /** When to send it again, for a refusal that passes (a quota). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'FileRefused';
  }
}

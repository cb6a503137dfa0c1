/** Largest file kept, unless `PARVIS_UPLOAD_MAX_BYTES` says otherwise: 10 MB. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** Uploads no form submission referenced within this time are deleted. */
export const UNATTACHED_LIFETIME_HOURS = 24;

/** The largest file kept, from `PARVIS_UPLOAD_MAX_BYTES`; a value that is not a positive integer is an error. */
export function maxUploadBytes(env: Record<string, string | undefined> = process.env): number {
  const given = env.PARVIS_UPLOAD_MAX_BYTES;
  if (given === undefined || given === '') return DEFAULT_MAX_BYTES;
  const bytes = Number(given);
  if (!Number.isSafeInteger(bytes) || bytes <= 0) {
    throw new Error(`PARVIS_UPLOAD_MAX_BYTES must be a number of bytes (e.g. 10485760), not "${given}"`);
  }
  return bytes;
}

/** A size in words: `10 Mo` / `10 MB`. */
export function sizeInWords(bytes: number): { fr: string; en: string } {
  if (bytes >= 1024 * 1024) {
    const mb = Math.round((bytes / 1024 / 1024) * 10) / 10;
    return { fr: `${String(mb).replace('.', ',')} Mo`, en: `${mb} MB` };
  }
  const kb = Math.max(1, Math.round(bytes / 1024));
  return { fr: `${kb} ko`, en: `${kb} KB` };
}

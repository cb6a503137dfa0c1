/** Largest file kept, unless `PARVIS_UPLOAD_MAX_BYTES` says otherwise: 10 MB. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * Uploads no form submission referenced within this time can no longer be attached, and the sweep
 * deletes them; it is also the window the upload quotas count over.
 */
export const UNATTACHED_LIFETIME_HOURS = 1;

/**
 * Bytes one client (signed-in person, else address) may leave unattached within the hour, in every
 * town together, unless `PARVIS_UPLOAD_QUOTA_CLIENT_BYTES` says otherwise: 50 MB, five files at the
 * largest or a dozen phone photos, more than a form takes.
 */
export const DEFAULT_CLIENT_QUOTA_BYTES = 50 * 1024 * 1024;

/**
 * Bytes one town may hold unattached within the hour, from everyone, unless
 * `PARVIS_UPLOAD_QUOTA_TOWN_BYTES` says otherwise: 2 GB, two hundred files at the largest, ten times
 * a busy hour of reports with photos in a large town, and a bound on the disk a flood can take.
 */
export const DEFAULT_TOWN_QUOTA_BYTES = 2 * 1024 * 1024 * 1024;

export interface UploadQuotas {
  clientBytes: number;
  townBytes: number;
}

type Env = Record<string, string | undefined>;

/** The largest file kept, from `PARVIS_UPLOAD_MAX_BYTES`; a value that is not a positive integer is an error. */
export function maxUploadBytes(env: Env = process.env): number {
  return bytesSetting(env, 'PARVIS_UPLOAD_MAX_BYTES', DEFAULT_MAX_BYTES);
}

/** The upload quotas, from `PARVIS_UPLOAD_QUOTA_CLIENT_BYTES` and `PARVIS_UPLOAD_QUOTA_TOWN_BYTES`. */
export function uploadQuotas(env: Env = process.env): UploadQuotas {
  return {
    clientBytes: bytesSetting(env, 'PARVIS_UPLOAD_QUOTA_CLIENT_BYTES', DEFAULT_CLIENT_QUOTA_BYTES),
    townBytes: bytesSetting(env, 'PARVIS_UPLOAD_QUOTA_TOWN_BYTES', DEFAULT_TOWN_QUOTA_BYTES),
  };
}

function bytesSetting(env: Env, name: string, byDefault: number): number {
  const given = env[name];
  if (given === undefined || given === '') return byDefault;
  const bytes = Number(given);
  if (!Number.isSafeInteger(bytes) || bytes <= 0) {
    throw new Error(`${name} must be a number of bytes (e.g. 10485760), not "${given}"`);
  }
  return bytes;
}

/** A size in words: `10 Mo` / `10 MB`. */
export function sizeInWords(bytes: number): { fr: string; en: string } {
  if (bytes >= 1024 * 1024 * 1024) {
    const gb = Math.round((bytes / 1024 / 1024 / 1024) * 10) / 10;
    return { fr: `${String(gb).replace('.', ',')} Go`, en: `${gb} GB` };
  }
  if (bytes >= 1024 * 1024) {
    const mb = Math.round((bytes / 1024 / 1024) * 10) / 10;
    return { fr: `${String(mb).replace('.', ',')} Mo`, en: `${mb} MB` };
  }
  const kb = Math.max(1, Math.round(bytes / 1024));
  return { fr: `${kb} ko`, en: `${kb} KB` };
}

import type { Db } from '../common/database.ts';
import { sizeInWords, UNATTACHED_LIFETIME_HOURS, type UploadQuotas, uploadQuotas } from './limits.ts';
import { FileRefused } from './refusal.ts';

const PERIOD = `${UNATTACHED_LIFETIME_HOURS} hours`;

/**
 * Lets an upload of `bytes` by `uploader` (a client key: `citizen:<id>`, `agent:<id>`,
 * `address:<ip>`) through the quotas on uploads left unattached within the hour — the client's in
 * every town, the transaction's town's from everyone — or throws FileRefused
 * (UPLOAD_QUOTA_EXCEEDED, 429) saying how much and when to come back. Counted from the database, so
 * every API process agrees; to be called in the transaction that stores the file, which then holds
 * a lock on the client: its parallel uploads are counted one after the other, not all against the
 * same total. Uploads of different clients in parallel may take a town a few files over its quota.
 */
export async function checkUploadQuotas(
  tx: Db,
  uploader: string,
  bytes: number,
  quotas: UploadQuotas = uploadQuotas(),
): Promise<void> {
  await tx`select pg_advisory_xact_lock(hashtextextended(${`upload quota ${uploader}`}, 0))`;
  const client = await overQuota(tx, uploader, bytes, quotas.clientBytes);
  if (client !== undefined) {
    const { fr, en } = sizeInWords(quotas.clientBytes);
    throw refusal(
      `Vous avez envoyé trop de fichiers sans les joindre à une demande (${fr} au plus dans l'heure) : envoyez d'abord votre formulaire, ou réessayez dans ${minutes(client)} min.`,
      `You have uploaded too many files without sending them with a request (at most ${en} within the hour): send your form first, or try again in ${minutes(client)} min.`,
      client,
    );
  }
  const town = await overQuota(tx, null, bytes, quotas.townBytes);
  if (town !== undefined) {
    const { fr, en } = sizeInWords(quotas.townBytes);
    throw refusal(
      `La commune a reçu trop de fichiers en attente d'une demande (${fr} au plus dans l'heure) : réessayez dans ${minutes(town)} min.`,
      `The town has received too many files awaiting a request (at most ${en} within the hour): try again in ${minutes(town)} min.`,
      town,
    );
  }
}

/** In how many seconds `bytes` more fit under the quota, or undefined if they fit now. */
async function overQuota(tx: Db, uploader: string | null, bytes: number, quota: number): Promise<number | undefined> {
  const [row] = await tx<{ over: boolean; wait: number }[]>`
    select used + ${bytes} > ${quota} as over,
      ceil(extract(epoch from coalesce(room_at, now() + ${PERIOD}::interval) - now()))::int as wait
    from parvis_unattached_upload_bytes(${uploader}, ${PERIOD}::interval, ${bytes}, ${quota})`;
  return row!.over ? Math.max(1, row!.wait) : undefined;
}

const minutes = (seconds: number) => Math.ceil(seconds / 60);

function refusal(fr: string, en: string, retryAfterSeconds: number): FileRefused {
  return new FileRefused('UPLOAD_QUOTA_EXCEEDED', `${fr} / ${en}`, 429, retryAfterSeconds);
}

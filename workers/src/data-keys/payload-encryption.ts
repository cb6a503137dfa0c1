// Node only: what the worker and every Temporal client of Parvis share to encrypt payloads — the
// master keys read and checked at start, a small pool of its own for the data keys, the codec.
import type { PayloadCodec } from '@temporalio/common';
import postgres from 'postgres';
import { EncryptionCodec } from './codec.ts';
import { DataKeys } from './data-keys.ts';
import { masterKeysFrom } from './master-keys.ts';

/** How long an erased person's request keeps its key after closing, for its workflow to end. */
export const ERASURE_GRACE_SETTING = 'PARVIS_ERASURE_GRACE_SECONDS';

export interface PayloadEncryption {
  codec: PayloadCodec;
  keys: DataKeys;
  /** data keys re-wrapped at start under the current master key (a rotation) */
  rewrapped: number;
  close(): Promise<void>;
}

/**
 * Reads PARVIS_MASTER_KEY (and PARVIS_RETIRED_MASTER_KEYS), refusing to start with the setting named
 * when it is missing, malformed or does not open the stored keys. Call after the migrations.
 */
export async function openPayloadEncryption(
  databaseUrl: string,
  env: Record<string, string | undefined> = process.env,
): Promise<PayloadEncryption> {
  const master = masterKeysFrom(env);
  // Its own pool: the API starts workflows inside transactions, and a codec waiting for one of
  // their connections would wait for ever once every connection is such a transaction.
  const sql = postgres(databaseUrl, { max: 5, onnotice: () => {} });
  try {
    const keys = new DataKeys(sql, master);
    const { rewrapped } = await keys.checkAtStart();
    await keys.listenForDestruction();
    return { codec: new EncryptionCodec(keys), keys, rewrapped, close: () => sql.end({ timeout: 5 }) };
  } catch (error) {
    await sql.end({ timeout: 5 });
    throw error;
  }
}

/** Seconds from PARVIS_ERASURE_GRACE_SECONDS, 300 unless set. */
export function erasureGraceSeconds(env: Record<string, string | undefined> = process.env): number {
  const seconds = Number(env[ERASURE_GRACE_SETTING]);
  return Number.isFinite(seconds) && seconds >= 0 && env[ERASURE_GRACE_SETTING] ? seconds : 300;
}

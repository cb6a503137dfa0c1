// Node only: each workflow's data key (AES-256), created on first use, wrapped by the master key in
// PostgreSQL (migration 195) and kept unwrapped in memory for the workers' and the API's codecs.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Sql } from 'postgres';
import { batched } from './batches.ts';
import { whileDatabaseAway } from './database-away.ts';
import { MASTER_KEY_SETTING, MasterKeyError, type MasterKeys, RETIRED_MASTER_KEYS_SETTING } from './master-keys.ts';

/** Why a payload cannot be read or written: its key was destroyed by an erasure, or cannot be unwrapped. */
export class DataKeyError extends Error {
  constructor(
    message: string,
    readonly code: 'DATA_ERASED' | 'MASTER_KEY_UNKNOWN' | 'MASTER_KEY_WRONG',
  ) {
    super(message);
  }
}

interface KeyRow {
  wrapped_key: Buffer | null;
  master_key_id: string | null;
  destroyed_at: Date | null;
}

const IV = 12;
const TAG = 16;
/** Unwrapped keys kept in memory; the oldest goes first past this many. */
const CACHE_SIZE = 10_000;

/** AES-256-GCM: iv | tag | ciphertext, bound to `context` (the key id) as additional data. */
export function seal(key: Buffer, plaintext: Uint8Array, context: string): Buffer {
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** The inverse of `seal`; throws when the key, the context or a byte is wrong. */
export function open(key: Buffer, sealed: Uint8Array, context: string): Buffer {
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(bytes.subarray(IV, IV + TAG));
  return Buffer.concat([decipher.update(bytes.subarray(IV + TAG)), decipher.final()]);
}

/** A data key, unwrapped by the master key that wrapped it (current or retired), or a DataKeyError saying why not. */
export function unwrapDataKey(masters: MasterKeys, keyId: string, wrapped: Buffer, masterKeyId: string): Buffer {
  const master = masterKeyId === masters.current.id ? masters.current.key : masters.retired.get(masterKeyId);
  if (!master)
    throw new DataKeyError(
      `${keyId}: its data key is wrapped by master key ${masterKeyId}, which neither ${MASTER_KEY_SETTING} nor ${RETIRED_MASTER_KEYS_SETTING} gives`,
      'MASTER_KEY_UNKNOWN',
    );
  try {
    return open(master, wrapped, keyId);
  } catch {
    throw new DataKeyError(`${keyId}: master key ${masterKeyId} does not open its data key`, 'MASTER_KEY_WRONG');
  }
}

/** Where the codec finds keys: PostgreSQL (DataKeys), or a recorded history's own (replay tests). */
export interface KeySource {
  /** the key that encrypts `keyId`'s new payloads, created the first time */
  forWriting(keyId: string): Promise<Buffer>;
  /** the key that decrypts `keyId`'s payloads */
  forReading(keyId: string): Promise<Buffer>;
}

export class DataKeys implements KeySource {
  private readonly cache = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly sql: Sql,
    private readonly master: MasterKeys,
  ) {}

  /** The key that encrypts `keyId`'s new payloads, created the first time. */
  forWriting(keyId: string): Promise<Buffer> {
    return this.cached(keyId, async () => {
      const key = randomBytes(32);
      const created = await this.create({ keyId, wrapped: seal(this.master.current.key, key, keyId) });
      return created ? key : this.unwrap(keyId, await this.row(keyId));
    });
  }

  /** The key that decrypts `keyId`'s payloads, which must exist. */
  forReading(keyId: string): Promise<Buffer> {
    return this.cached(keyId, async () => this.unwrap(keyId, await this.row(keyId)));
  }

  /** Stores new wrapped keys, many in one INSERT; answers true for those it created (not there before). */
  private readonly create = batched<{ keyId: string; wrapped: Buffer }, true>(async (keys) => {
    const rows = keys.map((key) => ({
      key_id: key.keyId,
      wrapped_key: key.wrapped,
      master_key_id: this.master.current.id,
    }));
    const created = new Set(
      (
        await whileDatabaseAway(
          () => this.sql<{ key_id: string }[]>`insert into workflow_data_keys ${this.sql(rows)}
          on conflict (key_id) do nothing returning key_id`,
        )
      ).map((row) => row.key_id),
    );
    return new Map(keys.filter((key) => created.has(key.keyId)).map((key) => [key, true as const]));
  });

  /** Reads stored keys, many in one SELECT. */
  private readonly row = batched<string, KeyRow>(async (keyIds) => {
    const rows = await whileDatabaseAway(
      () => this.sql<(KeyRow & { key_id: string })[]>`select key_id, wrapped_key, master_key_id, destroyed_at
      from workflow_data_keys where key_id = any(${[...new Set(keyIds)]})`,
    );
    return new Map(rows.map((row) => [row.key_id, row]));
  });

  /** Forgets, in this process, every key an erasure destroys anywhere (migration 195 notifies it). */
  async listenForDestruction(): Promise<void> {
    await this.sql.listen('parvis_data_key_destroyed', (keyId) => this.cache.delete(keyId));
  }

  /**
   * Destroys the keys of erased people's requests closed more than `graceSeconds` ago (their
   * workflows have ended meanwhile), and the address their last notices went to; answers how many.
   */
  async destroyClosed(graceSeconds: number): Promise<number> {
    // A notification's key names its recipient too (type:channel:address): a rank keeps the keys
    // of two recipients of one request apart once both read « [effacé] » (its primary key).
    const destroyed = await this.sql<{ id: string }[]>`with destroyed as (
        update workflow_data_keys k set wrapped_key = null, master_key_id = null, destroyed_at = now()
        from requests r
        where k.key_id = r.workflow_id and k.destroy_when_closed and k.wrapped_key is not null
          and r.closed_at < now() - make_interval(secs => ${graceSeconds})
        returning r.id, r.municipality_id),
      ranked as (
        select n.request_id, n.key, row_number() over (partition by n.request_id order by n.key) as rank
        from notifications n join destroyed d on n.request_id = d.id
        where n.recipient <> '[effacé]'
          and lower(n.recipient) not in (select lower(a.email) from agents a where a.municipality_id = d.municipality_id)),
      blanked as (
        update notifications n set recipient = '[effacé]', key = replace(n.key, n.recipient, '[effacé-' || ranked.rank || ']')
        from ranked where n.request_id = ranked.request_id and n.key = ranked.key
        returning n.request_id)
      select id from destroyed`;
    return destroyed.length;
  }

  /**
   * At start: refuses a master key that does not open the keys stored under its id, or keys wrapped
   * by a master key the configuration no longer has; re-wraps under the current master key the keys
   * a retired one wrapped (rotation), so the retired one can then leave the configuration.
   */
  async checkAtStart(): Promise<{ rewrapped: number }> {
    const byMaster = await this.sql<{ master_key_id: string; key_id: string; wrapped_key: Buffer }[]>`
      select distinct on (master_key_id) master_key_id, key_id, wrapped_key from workflow_data_keys
      where wrapped_key is not null order by master_key_id, created_at`;
    for (const sample of byMaster) {
      const master = this.masterKey(sample.master_key_id);
      try {
        open(master, sample.wrapped_key, sample.key_id);
      } catch {
        throw new MasterKeyError(
          `${sample.master_key_id === this.master.current.id ? MASTER_KEY_SETTING : RETIRED_MASTER_KEYS_SETTING}: master key ${sample.master_key_id} does not open the data keys wrapped under that id (wrong value for that id).`,
        );
      }
    }
    let rewrapped = 0;
    for (const retiredId of byMaster.map((row) => row.master_key_id).filter((id) => id !== this.master.current.id)) {
      const retired = this.masterKey(retiredId);
      for (;;) {
        const batch = await this.sql<{ key_id: string; wrapped_key: Buffer }[]>`
          select key_id, wrapped_key from workflow_data_keys where master_key_id = ${retiredId} limit 500`;
        if (batch.length === 0) break;
        for (const row of batch) {
          const key = open(retired, row.wrapped_key, row.key_id);
          // Only if still wrapped by the retired key: an erasure may have destroyed it meanwhile.
          await this.sql`update workflow_data_keys
            set wrapped_key = ${seal(this.master.current.key, key, row.key_id)}, master_key_id = ${this.master.current.id}
            where key_id = ${row.key_id} and master_key_id = ${retiredId}`;
          rewrapped++;
        }
      }
    }
    return { rewrapped };
  }

  private masterKey(id: string): Buffer {
    if (id === this.master.current.id) return this.master.current.key;
    const retired = this.master.retired.get(id);
    if (!retired)
      throw new MasterKeyError(
        `data keys are wrapped by master key ${id}, which neither ${MASTER_KEY_SETTING} nor ${RETIRED_MASTER_KEYS_SETTING} gives: add it to ${RETIRED_MASTER_KEYS_SETTING} (docs/operations.md, rotating the master key).`,
      );
    return retired;
  }

  private unwrap(keyId: string, row: KeyRow | undefined): Buffer {
    if (!row)
      throw new DataKeyError(
        `${keyId}: no data key (clé de données inconnue) — its payloads cannot be read`,
        'DATA_ERASED',
      );
    if (!row.wrapped_key || !row.master_key_id)
      throw new DataKeyError(
        `${keyId} : données effacées le ${row.destroyed_at?.toISOString()} (droit à l'effacement, clé détruite) / data erased on ${row.destroyed_at?.toISOString()} (key destroyed)`,
        'DATA_ERASED',
      );
    return unwrapDataKey(this.master, keyId, row.wrapped_key, row.master_key_id);
  }

  private cached(keyId: string, load: () => Promise<Buffer>): Promise<Buffer> {
    let key = this.cache.get(keyId);
    if (!key) {
      key = load();
      // A failure is not kept: the next payload asks again (a retired key added, a transient error).
      key.catch(() => this.cache.delete(keyId));
      if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(keyId, key);
    }
    return key;
  }
}

// Node only: the installation's master keys, from configuration. The current one wraps every new
// data key; retired ones (after a rotation) only unwrap keys not yet re-wrapped (docs/operations.md).

/** The setting that holds the current master key, `<id>:<32 bytes in base64>`. */
export const MASTER_KEY_SETTING = 'PARVIS_MASTER_KEY';
/** Master keys taken out of service, comma-separated `<id>:<base64>`: kept until their keys are re-wrapped. */
export const RETIRED_MASTER_KEYS_SETTING = 'PARVIS_RETIRED_MASTER_KEYS';

export interface MasterKey {
  id: string;
  key: Buffer;
}

export interface MasterKeys {
  current: MasterKey;
  /** by id */
  retired: Map<string, Buffer>;
}

const HOW = 'expected `<id>:<32 random bytes in base64>`, e.g. `k1:$(openssl rand -base64 32)`';

/** A refusal to start, named after the setting at fault; start-up scripts print its message alone. */
export class MasterKeyError extends Error {
  readonly code = 'CONFIGURATION';
}

function parse(setting: string, value: string): MasterKey {
  const colon = value.indexOf(':');
  const id = value.slice(0, colon).trim();
  const key = Buffer.from(value.slice(colon + 1).trim(), 'base64');
  if (colon < 1 || !/^[\w.-]{1,40}$/.test(id))
    throw new MasterKeyError(`${setting}: the key has no id before its value (${HOW}).`);
  if (key.length !== 32)
    throw new MasterKeyError(`${setting}: key ${id} is ${key.length} bytes long, not 32 (${HOW}).`);
  return { id, key };
}

/** Reads the master keys from the environment, or refuses with the setting to fix. */
export function masterKeysFrom(env: Record<string, string | undefined>): MasterKeys {
  const value = env[MASTER_KEY_SETTING]?.trim();
  if (!value)
    throw new MasterKeyError(
      `${MASTER_KEY_SETTING} is not set: it wraps the key that encrypts each request's data in Temporal (${HOW}).`,
    );
  const current = parse(MASTER_KEY_SETTING, value);
  const retired = new Map<string, Buffer>();
  for (const entry of (env[RETIRED_MASTER_KEYS_SETTING] ?? '').split(',').filter((part) => part.trim())) {
    const key = parse(RETIRED_MASTER_KEYS_SETTING, entry);
    if (key.id === current.id || retired.has(key.id))
      throw new MasterKeyError(`${RETIRED_MASTER_KEYS_SETTING}: key id ${key.id} is given twice.`);
    retired.set(key.id, key.key);
  }
  return { current, retired };
}

// The data keys of recorded histories (test/fixtures/histories/keys), for the codec of the replay test.
import { randomBytes } from 'node:crypto';
import { type KeySource, type MasterKeys, unwrapDataKey } from '@parvis/workers';

/** One key as record-histories.ts writes it: wrapped by the master key of the tests. */
export interface RecordedKey {
  keyId: string;
  wrappedKey: string;
  masterKeyId: string;
}

export class RecordedKeys implements KeySource {
  private readonly keys: Map<string, RecordedKey>;

  constructor(
    keys: RecordedKey[],
    private readonly masters: MasterKeys,
  ) {
    this.keys = new Map(keys.map((key) => [key.keyId, key]));
  }

  async forReading(keyId: string): Promise<Buffer> {
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`${keyId}: no recorded key (test/fixtures/histories/keys)`);
    return unwrapDataKey(this.masters, keyId, Buffer.from(key.wrappedKey, 'base64'), key.masterKeyId);
  }

  /**
   * A replay encodes the commands the workflow issues again, under the history's name as workflow id:
   * nothing compares or keeps them, so a throwaway key does.
   */
  async forWriting(): Promise<Buffer> {
    return this.throwaway;
  }

  private readonly throwaway = randomBytes(32);
}

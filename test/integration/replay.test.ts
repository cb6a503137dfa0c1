import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EncryptionCodec, masterKeysFrom } from '@parvis/workers';
import proto from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { testMasterKeys } from '../support/master-key.ts';
import { type RecordedKey, RecordedKeys } from '../support/recorded-keys.ts';

const historiesDir = join(import.meta.dirname, '../fixtures/histories');
const workflowsPath = fileURLToPath(
  import.meta.resolve('@parvis/workers').replace(/index\.ts$/, 'src/workflows/index.ts'),
);

// Since the payload codec, a master key rotated after the recording: the tests' key is retired, a new
// one is current. Histories recorded before the codec hold payloads in clear, which pass through.
const rotated = masterKeysFrom({
  PARVIS_MASTER_KEY: `rotated:${Buffer.alloc(32, 9).toString('base64')}`,
  PARVIS_RETIRED_MASTER_KEYS: testMasterKeys().PARVIS_MASTER_KEY,
});

async function recordedKeys(file: string): Promise<RecordedKey[]> {
  try {
    return JSON.parse(await readFile(join(historiesDir, 'keys', file), 'utf8')) as RecordedKey[];
  } catch {
    return []; // recorded before the codec
  }
}

// Requests in flight replay their recorded history on every new worker: a change to the workflow
// that does not replay would break them. Record again (test/support/record-histories.ts) only with
// Temporal's versioning (`patched`) in place.
describe('recorded request histories replay on the current workflow code', async () => {
  const files = (await readdir(historiesDir)).filter((name) => name.endsWith('.json'));

  it('has histories recorded before the payload codec and since, encrypted', async () => {
    const encrypted = [];
    for (const file of files)
      if (
        (await readFile(join(historiesDir, file), 'utf8')).includes(Buffer.from('binary/encrypted').toString('base64'))
      )
        encrypted.push(file);
    expect(encrypted.length).toBeGreaterThan(0);
    expect(encrypted.length).toBeLessThan(files.length);
  });

  it('has histories to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(`replays ${file}`, async () => {
      const history = proto.temporal.api.history.v1.History.fromObject(
        JSON.parse(await readFile(join(historiesDir, file), 'utf8')),
      );
      const codec = new EncryptionCodec(new RecordedKeys(await recordedKeys(file), rotated));
      await expect(
        Worker.runReplayHistory({ workflowsPath, dataConverter: { payloadCodecs: [codec] } }, history, file),
      ).resolves.toBeUndefined();
    });
  }

  it('does not read an encrypted history without the master key that wrapped its key, and says which', async () => {
    const file = 'contact-answered-encrypted.json';
    const history = proto.temporal.api.history.v1.History.fromObject(
      JSON.parse(await readFile(join(historiesDir, file), 'utf8')),
    );
    // the tests' master key retired and dropped from the configuration too soon
    const withoutIt = masterKeysFrom({ PARVIS_MASTER_KEY: `rotated:${Buffer.alloc(32, 9).toString('base64')}` });
    const codec = new EncryptionCodec(new RecordedKeys(await recordedKeys(file), withoutIt));
    await expect(
      codec.decode(history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads!),
    ).rejects.toThrow(
      'its data key is wrapped by master key test, which neither PARVIS_MASTER_KEY nor PARVIS_RETIRED_MASTER_KEYS gives',
    );
  });
});

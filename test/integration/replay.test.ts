import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import proto from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';

const historiesDir = join(import.meta.dirname, '../fixtures/histories');
const workflowsPath = fileURLToPath(
  import.meta.resolve('@parvis/workers').replace(/index\.ts$/, 'src/workflows/index.ts'),
);

// Requests in flight replay their recorded history on every new worker: a change to the workflow
// that does not replay would break them. Record again (test/support/record-histories.ts) only with
// Temporal's versioning (`patched`) in place.
describe('recorded request histories replay on the current workflow code', async () => {
  const files = (await readdir(historiesDir)).filter((name) => name.endsWith('.json'));

  it('has histories to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(`replays ${file}`, async () => {
      const history = proto.temporal.api.history.v1.History.fromObject(
        JSON.parse(await readFile(join(historiesDir, file), 'utf8')),
      );
      await expect(Worker.runReplayHistory({ workflowsPath }, history, file)).resolves.toBeUndefined();
    });
  }
});

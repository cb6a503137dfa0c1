import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

// The dependency rule between packages (.dependency-cruiser.cjs; README, "How it fits together"):
// portal → designer → engine; graphql, workers → engine; graphql → workers only for the workflow's
// message definitions; another package only by its name, never by a relative path into its files.
it('keeps every import within the dependency rule between packages', async () => {
  const run = promisify(execFile);
  const packages = ['engine', 'workers', 'graphql', 'portal/src', 'designer', 'processes', 'scripts', 'test'];
  const result = await run(
    resolve(root, 'node_modules/.bin/depcruise'),
    [...packages, '--config', '.dependency-cruiser.cjs', '--output-type', 'err'],
    { cwd: root },
  ).catch((failure: { stdout: string }) => failure);
  expect(result.stdout).toContain('no dependency violations found');
}, 60_000);

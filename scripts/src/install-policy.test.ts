import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The install policy (issue 24): every dependency that ships an install script is either approved
// or denied in package.json's allowScripts, each entry has its reason in docs/install.md, and no
// entry outlives the package it was written for. npm itself refuses an unreviewed script at install
// (.npmrc strict-allow-scripts); this test says so before anyone installs.
const root = new URL('../../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), 'utf8');

const manifest = JSON.parse(read('package.json')) as { allowScripts: Record<string, boolean> };
const lock = JSON.parse(read('package-lock.json')) as {
  packages: Record<string, { hasInstallScript?: boolean }>;
};
const installDoc = read('docs/install.md');

/** Package names (as npm installs them) whose install scripts npm would run. */
const withInstallScript = [
  ...new Set(
    Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && entry.hasInstallScript)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)),
  ),
].sort();

describe('install policy', () => {
  it('approves or denies every install script the lockfile brings', () => {
    const unreviewed = withInstallScript.filter((name) => !(name in manifest.allowScripts));
    expect(unreviewed, 'run `npm install-scripts approve|deny <pkg>` and give the reason in docs/install.md').toEqual(
      [],
    );
  });

  it('keeps no entry for a package that no longer has an install script', () => {
    const stale = Object.keys(manifest.allowScripts).filter((name) => !withInstallScript.includes(name));
    expect(stale, 'run `npm install-scripts prune`').toEqual([]);
  });

  it('gives the reason for each entry in docs/install.md', () => {
    const unexplained = Object.keys(manifest.allowScripts).filter((name) => !installDoc.includes(`\`${name}\``));
    expect(unexplained).toEqual([]);
  });

  it('never runs the telemetry clients of the @carbon packages', () => {
    expect(manifest.allowScripts['@carbon/grid']).toBe(false);
    expect(manifest.allowScripts['@carbon/layout']).toBe(false);
  });

  it('makes npm refuse an install script nobody reviewed', () => {
    expect(read('.npmrc')).toMatch(/^strict-allow-scripts=true$/m);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const tsx = join(root, 'node_modules/.bin/tsx');

/** Runs a start command the way a person would, with the environment given and nothing else of ours. */
function run(script: string, env: Record<string, string>) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(TEMPORAL_|DATABASE_URL|SMTP_URL|PARVIS_|PORT)/.test(k)),
  );
  return spawnSync(tsx, [join(root, 'scripts/src', script)], {
    env: { ...clean, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('start commands refuse to run half-configured, in words', () => {
  it('names the unreachable database and exits non-zero', () => {
    // when
    const result = run('start-api.ts', {
      TEMPORAL_ADDRESS: '127.0.0.1:1',
      DATABASE_URL: 'postgres://parvis@127.0.0.1:1/parvis',
    });
    // then
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PostgreSQL at postgres://127.0.0.1:1/parvis cannot be reached');
  });

  it('lists what a standalone worker lacks', () => {
    const result = run('start-worker.ts', {});
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('set TEMPORAL_ADDRESS, DATABASE_URL, SMTP_URL');
  });

  it('names the three ways out when no Temporal can be had', async () => {
    // given no temporal on the PATH, no Go, nothing built, and no internet for the SDK's download
    const emptyTools = await mkdtemp(join(tmpdir(), 'parvis-tools-'));
    const dataDir = await mkdtemp(join(tmpdir(), 'parvis-data-'));
    // when
    const result = run('start.ts', { PATH: '/usr/bin:/bin', PARVIS_TOOLS_DIR: emptyTools, PARVIS_DATA_DIR: dataDir });
    // then
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('TEMPORAL_ADDRESS=');
    expect(result.stderr).toContain('TEMPORAL_CLI=');
    expect(result.stderr).toContain('install Go');
  });
});

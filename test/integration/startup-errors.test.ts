import { spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '@parvis/scripts';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/**
 * Runs a start command the way a person would, with the environment given and nothing else of
 * ours; on this Node, whatever PATH says (an older one may come first there).
 */
function run(script: string, env: Record<string, string>, args: string[] = []) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(TEMPORAL_|DATABASE_URL|SMTP_URL|PARVIS_|PORT)/.test(k)),
  );
  return spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/src', script), ...args], {
    cwd: root,
    env: { ...clean, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

/** Free ports for every listener of `npm start`: the defaults may be taken on this machine. */
async function freePorts(): Promise<Record<string, string>> {
  const names = ['PORT', 'TEMPORAL_PORT', 'TEMPORAL_UI_PORT', 'SMTP_SINK_PORT', 'INTAKE_SMTP_PORT', 'PARVIS_PG_PORT'];
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, String(await freePort())])));
}

/** A line of a stack trace, which a person should never be shown. */
const STACK_LINE = /^\s+at /m;

describe('start commands refuse to run half-configured, in words', () => {
  it('names the unreachable database and exits non-zero', async () => {
    // when
    const result = run('start-api.ts', {
      TEMPORAL_ADDRESS: '127.0.0.1:1',
      DATABASE_URL: 'postgres://parvis@127.0.0.1:1/parvis',
      PORT: String(await freePort()),
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
    const result = run('start.ts', {
      PATH: '/usr/bin:/bin',
      PARVIS_TOOLS_DIR: emptyTools,
      PARVIS_DATA_DIR: dataDir,
      ...(await freePorts()),
    });
    // then
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('TEMPORAL_ADDRESS=');
    expect(result.stderr).toContain('TEMPORAL_CLI=');
    expect(result.stderr).toContain('install Go');
  });

  it('names the port another program holds, and that program, in one sentence without a stack trace', async () => {
    // given a program of someone else's on the port the portal wants
    const other = createServer();
    await new Promise<void>((done) => other.listen(0, '127.0.0.1', done));
    const port = (other.address() as { port: number }).port;
    const dataDir = await mkdtemp(join(tmpdir(), 'parvis-data-'));
    try {
      // when
      const result = run('start.ts', { ...(await freePorts()), PORT: String(port), PARVIS_DATA_DIR: dataDir });
      // then
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toMatch(
        new RegExp(
          `^\\[parvis\\] cannot start: port ${port} \\(the portal and API, PORT\\) is already in use by process ${process.pid} \\(.*node.*\\): stop it, or set PORT to a free port\\.$`,
        ),
      );
    } finally {
      other.close();
    }
  });
});

describe('start commands answer --help', () => {
  it.each([
    ['start.ts', 'usage: npm start'],
    ['start-api.ts', 'usage: npm run start:api'],
    ['start-worker.ts', 'usage: npm run start:worker'],
  ])(
    '%s --help prints its usage and exits 0; an unknown option, the usage on stderr and exit 2',
    async (script, usage) => {
      // given, should it start all the same, a folder and ports of its own
      const env = { ...(await freePorts()), PARVIS_DATA_DIR: await mkdtemp(join(tmpdir(), 'parvis-data-')) };
      // when
      const help = run(script, env, ['--help']);
      const unknown = run(script, env, ['--bogus']);
      // then
      expect(help.status).toBe(0);
      expect(help.stdout).toContain(usage);
      expect(unknown.status).toBe(2);
      expect(unknown.stderr).toContain("Unknown option '--bogus'");
      expect(unknown.stderr).toContain(usage);
      expect(unknown.stderr).not.toMatch(STACK_LINE);
    },
  );
});

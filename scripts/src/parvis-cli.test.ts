import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const bin = new URL('../../node_modules/.bin/parvis', import.meta.url).pathname;

function run(...args: string[]) {
  return spawnSync(bin, args, { encoding: 'utf8', timeout: 30_000, env: { ...process.env, DATABASE_URL: '' } });
}

describe('npx parvis', () => {
  it('--help, and verify --help, print the usage and exit 0', () => {
    // when
    const help = run('--help');
    const verifyHelp = run('verify', '--help');
    // then
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('parvis verify <tracking code> [--json]');
    expect(verifyHelp.status).toBe(0);
    expect(verifyHelp.stdout).toContain('usage: parvis verify <tracking code> [--json]');
  });

  it('an unknown option: what is wrong and the usage on stderr, exit 2, no stack trace', () => {
    // when
    const result = run('verify', '--jsn', 'PRV-1234');
    // then
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Unknown option '--jsn'");
    expect(result.stderr).toContain('usage: parvis verify <tracking code> [--json]');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});

// The real Temporal server and its schema tool, built from source once into a git-ignored folder.
import { execFile } from 'node:child_process';
import { access, constants, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { TemporalUnavailableError } from '../services/temporal-cli.ts';

const run = promisify(execFile);

export const TEMPORAL_SERVER_VERSION = 'v1.32.2';
/** v1.32.2 needs Go ≥ 1.26.10: Go fetches this toolchain itself when the installed one is older. */
const GO_TOOLCHAIN = 'go1.27.3';
const MODULES = { server: 'go.temporal.io/server/cmd/server', sql: 'go.temporal.io/server/cmd/tools/sql' };

export interface TemporalServerBinaries {
  /** `server`: runs one or more Temporal services */
  server: string;
  /** `sql`: creates and migrates Temporal's databases */
  sql: string;
}

/** `.tools/temporal-server` at the repository root, or PARVIS_TEMPORAL_SERVER_DIR. */
export const serverBinariesDir = () =>
  process.env.PARVIS_TEMPORAL_SERVER_DIR ?? resolve(import.meta.dirname, '../../../.tools/temporal-server');

/** The two binaries, built with `go install` the first time (8 to 15 minutes on 2 cores). */
export async function temporalServerBinaries(log: (line: string) => void): Promise<TemporalServerBinaries> {
  const dir = serverBinariesDir();
  const binaries = { server: join(dir, 'server'), sql: join(dir, 'sql') };
  for (const [name, path] of Object.entries(binaries) as [keyof TemporalServerBinaries, string][]) {
    if (await isExecutable(path)) continue;
    const module = `${MODULES[name]}@${TEMPORAL_SERVER_VERSION}`;
    log(`building ${module} into ${dir} with Go — once, 8 to 15 minutes…`);
    await mkdir(dir, { recursive: true });
    try {
      await run('go', ['install', module], {
        env: { ...process.env, GOBIN: dir, GOTOOLCHAIN: process.env.GOTOOLCHAIN ?? GO_TOOLCHAIN },
        maxBuffer: 16 * 1024 * 1024,
      });
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? String(error);
      throw new TemporalUnavailableError(`go install ${module} failed:\n${stderr.slice(-2000)}`);
    }
  }
  return binaries;
}

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

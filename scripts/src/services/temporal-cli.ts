import { execFile } from 'node:child_process';
import { access, constants, mkdir } from 'node:fs/promises';
import { delimiter, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The CLI release `go install` accepts: later ones carry a `replace` directive it refuses. */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

/** Where the project keeps the CLI it built (git-ignored `.tools/bin`, or PARVIS_TOOLS_DIR). */
const toolsBin = () => process.env.PARVIS_TOOLS_DIR ?? resolve(import.meta.dirname, '../../../.tools/bin');

export class TemporalUnavailableError extends Error {
  readonly code = 'TEMPORAL_UNAVAILABLE';
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function onPath(name: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && (await isExecutable(join(dir, name)))) return join(dir, name);
  }
  return undefined;
}

/**
 * Finds the Temporal CLI as design.md orders it: TEMPORAL_CLI, `temporal` on the PATH, the copy
 * the project built earlier; else builds it with Go. Returns undefined when none of these works,
 * so the caller can fall back to the SDK's own download.
 */
export async function findTemporalCli(log: (line: string) => void = () => {}): Promise<string | undefined> {
  const fromEnv = process.env.TEMPORAL_CLI;
  if (fromEnv) {
    if (await isExecutable(fromEnv)) return fromEnv;
    throw new TemporalUnavailableError(`TEMPORAL_CLI=${fromEnv} is not an executable file.\n${NO_TEMPORAL_HELP}`);
  }
  const tools = toolsBin();
  const built = join(tools, 'temporal');
  const found = (await onPath('temporal')) ?? ((await isExecutable(built)) ? built : undefined);
  if (found) return found;
  const go = await onPath('go');
  if (!go) return undefined;
  log(`Building the Temporal CLI with Go (${TEMPORAL_CLI_MODULE}) into ${tools} — once, a few minutes…`);
  await mkdir(tools, { recursive: true });
  try {
    await run(go, ['install', TEMPORAL_CLI_MODULE], {
      env: { ...process.env, GOBIN: tools },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    throw new TemporalUnavailableError(`go install ${TEMPORAL_CLI_MODULE} failed:\n${stderr.slice(-2000)}`);
  }
  return built;
}

/** The message a person reads when no Temporal can be had: the three ways out. */
export const NO_TEMPORAL_HELP = [
  'No Temporal server is available. Choose one of:',
  '  1. TEMPORAL_ADDRESS=host:7233 — use a running Temporal server or cluster;',
  '  2. TEMPORAL_CLI=/path/to/temporal — use a Temporal CLI binary you have;',
  `  3. install Go (https://go.dev) so Parvis can build the CLI itself (go install ${TEMPORAL_CLI_MODULE}).`,
].join('\n');

// `npm start` owns PARVIS_DATA_DIR while it runs. Killed without a chance to stop what it started
// (kill -9, the OOM killer), it leaves its Temporal dev server and PostgreSQL running on the ports
// the next start needs: their pid files in PARVIS_DATA_DIR say which they are, and they are stopped.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { commandLine, runsScript } from './processes.ts';

/** A server that records its pid in a file inside the folder it works in. */
export interface ServerPidFile {
  /** Its name in the message: "the Temporal dev server", "PostgreSQL". */
  name: string;
  /** The pid is on the first line. */
  path: string;
  /** The signal that stops it cleanly. */
  signal: NodeJS.Signals;
}

export class DataDirInUseError extends Error {
  readonly code = 'DATA_DIR_IN_USE';
}

/**
 * Takes `dataDir` for this start: refuses while another start runs on it; otherwise stops the
 * servers a killed one left running, saying so in one line. Returns what gives the folder back.
 */
export async function takeDataDir(
  dataDir: string,
  servers: ServerPidFile[],
  log: (line: string) => void,
): Promise<() => Promise<void>> {
  const ownPidFile = join(dataDir, 'parvis.pid');
  const owner = await recordedPid(ownPidFile);
  // This script under that pid: a start that still runs, whose servers are not leftovers.
  if (owner && owner !== process.pid && runsScript(owner, process.argv[1]!)) {
    throw new DataDirInUseError(
      `Parvis already runs on ${dataDir} (pid ${owner}): stop it first, or set PARVIS_DATA_DIR to another folder.`,
    );
  }
  const stopped: string[] = [];
  for (const server of servers) {
    const pid = await recordedPid(server.path);
    if (pid && worksIn(pid, dirname(server.path))) {
      await stop(pid, server.signal);
      stopped.push(`${server.name} (pid ${pid})`);
    }
  }
  if (stopped.length > 0) log(`stopped what an earlier start left running: ${stopped.join(', ')}`);
  await mkdir(dataDir, { recursive: true });
  await writeFile(ownPidFile, `${process.pid}\n`);
  return () => rm(ownPidFile, { force: true });
}

/** The pid on a pid file's first line (PostgreSQL's postmaster.pid, the dev server's), if any. */
export async function recordedPid(path: string): Promise<number | undefined> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const pid = Number(text.split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Whether the process still runs and names `folder` in its arguments: a reused pid does not. */
function worksIn(pid: number, folder: string): boolean {
  return commandLine(pid)?.some((arg) => arg === folder || arg.startsWith(folder + sep)) ?? false;
}

/** Sends the clean stop signal and waits for the process to go, killing it after 15 s. */
async function stop(pid: number, signal: NodeJS.Signals): Promise<void> {
  kill(pid, signal);
  for (let waited = 0; commandLine(pid); waited += 100) {
    if (waited === 15_000) kill(pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // gone meanwhile
  }
}

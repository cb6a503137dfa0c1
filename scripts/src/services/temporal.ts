import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { devServerSearchAttributeArgs, SEARCH_ATTRIBUTES } from '@parvis/workers';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { freePort } from './free-port.ts';
import type { ServerPidFile } from './leftovers.ts';
import { findTemporalCli, NO_TEMPORAL_HELP, TemporalUnavailableError } from './temporal-cli.ts';

export interface TemporalService {
  /** host:port of the frontend service */
  address: string;
  namespace: string;
  /** Web UI, when this process started a dev server with one */
  uiUrl?: string;
  stop(): Promise<void>;
}

export interface TemporalOptions {
  /** Directory for the dev server's state file; without it the state lives in memory (tests). */
  dataDir?: string;
  /** Fixed ports for `npm start`; tests take free ones. */
  port?: number;
  uiPort?: number;
  log?: (line: string) => void;
}

/** The dev server's pid, beside its state file, so that a start after a kill -9 can stop it. */
export function devServerPidFile(dataDir: string): ServerPidFile {
  return { name: 'the Temporal dev server', path: join(dataDir, 'temporal.pid'), signal: 'SIGTERM' };
}

/**
 * Gives a process a Temporal server: TEMPORAL_ADDRESS when set; otherwise a dev server started
 * here, its state in `<dataDir>/temporal.db` so a restart keeps every workflow.
 */
export async function provideTemporal(options: TemporalOptions = {}): Promise<TemporalService> {
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  if (process.env.TEMPORAL_ADDRESS) {
    const address = process.env.TEMPORAL_ADDRESS;
    await waitForFrontend(address, 10_000);
    return { address, namespace, stop: async () => {} };
  }
  // The ports a test takes are free when chosen, not always when the server binds them (its HTTP
  // API's port the server chooses itself): another process may have taken one meanwhile. Again then,
  // on other ports; fixed ports (npm start) are the person's, and their conflict is theirs to see.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startDevServer(options, namespace);
    } catch (error) {
      const portTaken = error instanceof TemporalUnavailableError && /address already in use/.test(error.message);
      if (!portTaken || options.port !== undefined || attempt === 3) throw error;
    }
  }
}

async function startDevServer(options: TemporalOptions, namespace: string): Promise<TemporalService> {
  const log = options.log ?? (() => {});
  const port = options.port ?? (await freePort());
  const uiPort = options.dataDir ? (options.uiPort ?? (await freePort())) : undefined;
  const dbFile = options.dataDir ? join(options.dataDir, 'temporal.db') : undefined;
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const binary = await findTemporalCli(log);
  const address = `127.0.0.1:${port}`;
  if (!binary) return startWithSdkDownload({ port, uiPort, dbFile, namespace, address });

  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--namespace', namespace];
  args.push('--log-level', 'error', '--dynamic-config-value', 'frontend.enableUpdateWorkflowExecution=true');
  // A workflow task that schedules an activity gets it back in its answer when this worker can run
  // it: one poll fewer per step (the worker's `allowEagerDispatch`, on by default).
  args.push('--dynamic-config-value', 'system.enableActivityEagerExecution=true');
  // What operators find requests by, payloads being encrypted (workers/src/workflows/search-attributes.ts).
  args.push(...devServerSearchAttributeArgs());
  if (dbFile) args.push('--db-filename', dbFile);
  if (uiPort) args.push('--ui-port', String(uiPort));
  else args.push('--headless');
  const env = temporalServerEnv();
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const pidFile = options.dataDir && devServerPidFile(options.dataDir).path;
  if (pidFile && child.pid) await writeFile(pidFile, `${child.pid}\n`);
  try {
    await Promise.race([
      waitForFrontend(address, 60_000),
      exited.then((code) => {
        throw new TemporalUnavailableError(`the Temporal dev server exited (code ${code}):\n${stderr}`);
      }),
    ]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    address,
    namespace,
    uiUrl: uiPort ? `http://127.0.0.1:${uiPort}` : undefined,
    async stop() {
      // In memory, the state has nothing to save on the way out: no graceful shutdown to wait for (1 s).
      await stopChild(child, exited, dbFile ? 'SIGTERM' : 'SIGKILL');
      if (pidFile) await rm(pidFile, { force: true });
    },
  };
}

/**
 * The environment of a Temporal server process (the dev server or a cluster's service). Go's
 * collector runs when the heap has grown by GOGC %: at 400 rather than 100 it runs a quarter as
 * often, which took a fifth off the server's CPU per request (npm run bench:lifecycle) for a few
 * hundred MB more memory. GOGC set in the environment wins.
 */
export function temporalServerEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GOGC: process.env.GOGC ?? '400' };
}

/** Last resort of design.md's order: the SDK downloads its own dev server (needs the internet). */
async function startWithSdkDownload(config: {
  port: number;
  uiPort?: number;
  dbFile?: string;
  namespace: string;
  address: string;
}): Promise<TemporalService> {
  try {
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        ip: '127.0.0.1',
        port: config.port,
        namespace: config.namespace,
        dbFilename: config.dbFile,
        ui: Boolean(config.uiPort),
        uiPort: config.uiPort,
        searchAttributes: Object.values(SEARCH_ATTRIBUTES),
      },
    });
    return {
      address: config.address,
      namespace: config.namespace,
      uiUrl: config.uiPort ? `http://127.0.0.1:${config.uiPort}` : undefined,
      stop: () => env.teardown(),
    };
  } catch (error) {
    throw new TemporalUnavailableError(`${NO_TEMPORAL_HELP}\n(The SDK's download failed: ${String(error)})`);
  }
}

/** Resolves once the Temporal frontend at `address` answers its health check. */
export async function waitForFrontend(address: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.healthService.check({});
      await connection.close();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new TemporalUnavailableError(
    `Temporal at ${address} did not answer within ${timeoutMs / 1000} s: ${String(lastError)}`,
  );
}

/** How long the dev server may take to stop before a SIGKILL (its SQLite file stays whole). */
const KILL_AFTER_MS = 4_000;

async function stopChild(
  child: ChildProcess,
  exited: Promise<number | null>,
  signal: 'SIGTERM' | 'SIGKILL',
): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
  await exited;
  clearTimeout(timer);
}

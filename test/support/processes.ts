import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { testMasterKeys } from './master-key.ts';

/** The repository root, where `npm run start:worker` and `start:api` run from. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A Node process started from a TypeScript entry point of the repository (through tsx). */
export interface NodeProcess {
  pid: number;
  /** Resolves once the process printed a line containing the ready text. */
  ready: Promise<void>;
  exited: Promise<number | null>;
  /** What the process printed lately, for failure messages. */
  output(): string;
  /** SIGKILL: the process dies at once, mid-instruction, like a lost machine. */
  kill9(): Promise<void>;
  /** SIGTERM, then SIGKILL after a grace period. */
  stop(): Promise<void>;
}

const started = new Set<NodeProcess>();

/**
 * Starts `node --import tsx <entry>` so the pid is the program itself, not an npm wrapper
 * (a kill -9 of npm would leave the program running).
 */
export function startNodeProcess(
  entry: string,
  env: Record<string, string>,
  readyText: string,
  readyTimeoutMs = 90_000,
  nodeArgs: string[] = [],
): NodeProcess {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entry], {
    cwd: REPO_ROOT,
    env: { ...testMasterKeys(), ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  let readyFound: () => void = () => {};
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-6000);
    if (tail.includes(readyText)) readyFound();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${entry} not ready within ${readyTimeoutMs} ms:\n${tail}`)),
      readyTimeoutMs,
    );
    readyFound = () => {
      clearTimeout(timer);
      resolve();
    };
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited (code ${code}) before it was ready:\n${tail}`));
    });
  });
  const proc: NodeProcess = {
    pid: child.pid!,
    ready,
    exited,
    output: () => tail,
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      started.delete(proc);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      started.delete(proc);
    },
  };
  ready.catch(() => {}); // observed by whoever awaits it
  started.add(proc);
  return proc;
}

/** Kills every process this module started and that is still running (for afterAll). */
export async function killStartedProcesses(): Promise<void> {
  await Promise.all([...started].map((proc) => proc.kill9()));
}

export interface WorkerEnvironment {
  temporalAddress: string;
  databaseUrl: string;
  smtpUrl: string;
  /** Node options for the worker, e.g. `--cpu-prof` to profile it */
  nodeArgs?: string[];
}

/** `npm run start:worker` as its own process, resolved once it polls its task queue. */
export async function startWorkerProcess(env: WorkerEnvironment): Promise<NodeProcess> {
  const worker = startNodeProcess(
    'scripts/src/start-worker.ts',
    {
      TEMPORAL_ADDRESS: env.temporalAddress,
      DATABASE_URL: env.databaseUrl,
      SMTP_URL: env.smtpUrl,
      PUBLIC_URL: 'http://parvis.test',
    },
    'worker running',
    90_000,
    env.nodeArgs,
  );
  await worker.ready;
  return worker;
}

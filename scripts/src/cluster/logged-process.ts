// A process of the cluster, its output appended to a log file of its own.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface LoggedProcess {
  name: string;
  pid: number;
  exited: Promise<number | null>;
  /** SIGKILL: the process dies at once, mid-instruction, like a lost machine. */
  kill9(): Promise<void>;
  /** SIGTERM, then SIGKILL after 15 s. */
  stop(): Promise<void>;
}

export interface LoggedProcessSpec {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string | undefined>;
  cwd?: string;
  logFile: string;
  /** What the process prints once it is ready, and how long it may take (else it is killed). */
  ready: { text: string; timeoutMs: number };
}

/** Resolves once the process is ready; rejects, the process killed, when it exits first or is late. */
export async function startLoggedProcess(spec: LoggedProcessSpec): Promise<LoggedProcess> {
  await mkdir(dirname(spec.logFile), { recursive: true });
  const log = createWriteStream(spec.logFile, { flags: 'a' });
  const child: ChildProcess = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  log.write(`--- ${new Date().toISOString()} started, pid ${child.pid}\n`);
  // Only the last few KB are searched: what is waited for comes right after the start.
  let tail = '';
  const waiters = new Set<() => void>();
  const keep = (chunk: Buffer) => {
    log.write(chunk);
    tail = (tail + chunk.toString()).slice(-16_000);
    for (const check of waiters) check();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // 'close' rather than 'exit': the process's output is all read, and the log can end.
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code, signal) => {
      log.end(`--- ${new Date().toISOString()} exited, ${signal ?? `code ${code}`}\n`);
      resolve(code);
    }),
  );
  const running = () => child.exitCode === null && child.signalCode === null;
  const { text, timeoutMs } = spec.ready;
  const ready = new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      waiters.delete(check);
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const check = () => tail.includes(text) && done();
    const timer = setTimeout(
      () => done(new Error(`${spec.name} did not print "${text}" within ${timeoutMs / 1000} s (${spec.logFile})`)),
      timeoutMs,
    );
    waiters.add(check);
    void exited.then((code) => done(new Error(`${spec.name} exited (code ${code}); see ${spec.logFile}`)));
  });
  const started: LoggedProcess = {
    name: spec.name,
    pid: child.pid!,
    exited,
    async kill9() {
      if (running()) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (!running()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
  try {
    await ready;
  } catch (error) {
    await started.kill9();
    throw error;
  }
  return started;
}

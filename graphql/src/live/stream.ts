import { Repeater } from '@repeaterjs/repeater';
import { type Change, everything } from './changes.ts';
import type { ChangeHub } from './hub.ts';

/** How long changes gather before a subscriber hears of them: a wave of requests makes a few events, not one each. */
export const BATCH_WINDOW_MS = 500;
/** Past this many changes in one window, the batch counts as a change of the whole municipality. */
const MAX_BATCH = 500;

export interface LiveStreamOptions<T> {
  hub: ChangeHub;
  municipalityId: string;
  /** Whether a change may concern this subscriber (a cheap test on the ids, before any query). */
  accepts: (change: Change) => boolean;
  /** What the subscriber receives for a batch, read again under row-level security; undefined sends nothing. */
  read: (changes: Change[]) => Promise<T | undefined>;
  /** Checked before each read: false ends the subscription. */
  stillAllowed: () => Promise<boolean>;
  log: (line: string) => void;
}

/** The events of one subscription: changes gathered for BATCH_WINDOW_MS, then read and sent as one. */
export function liveStream<T>({
  hub,
  municipalityId,
  accepts,
  read,
  stillAllowed,
  log,
}: LiveStreamOptions<T>): AsyncIterableIterator<T> {
  return new Repeater<T>(async (push, stop) => {
    let pending: Change[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    // One read at a time, in order.
    let reading = Promise.resolve();
    const flush = () => {
      timer = undefined;
      const batch = pending.length > MAX_BATCH ? [everything(municipalityId)] : pending;
      pending = [];
      reading = reading.then(async () => {
        try {
          if (!(await stillAllowed())) return stop();
          const value = await read(batch);
          if (value !== undefined) await push(value);
        } catch (error) {
          // Nothing unchecked goes out: this batch is dropped, the next one is read again.
          log(`live: a change could not be checked: ${String(error)}`);
        }
      });
    };
    const unsubscribe = hub.subscribe(municipalityId, (change) => {
      if (!accepts(change)) return;
      pending.push(change);
      timer ??= setTimeout(flush, BATCH_WINDOW_MS);
    });
    await stop;
    unsubscribe();
    clearTimeout(timer);
  });
}

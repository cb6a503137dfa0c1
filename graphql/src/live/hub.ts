import type { Sql } from 'postgres';
import { CHANGES_CHANNEL, type Change, everything, parseChange } from './changes.ts';

type Listener = (change: Change) => void;

/** Where subscriptions hear of changes: one LISTEN connection for the whole API process. */
export interface ChangeHub {
  /** Calls `listener` for each change of the municipality until the returned function is called. */
  subscribe(municipalityId: string, listener: Listener): () => void;
  stop(): Promise<void>;
}

/**
 * Listens on PostgreSQL's `parvis_changes` and hands each change to the subscribers of its
 * municipality only. Notifications sent while the connection was down are lost: when it comes back,
 * every subscriber is told that anything of its municipality may have changed.
 */
export function listenForChanges(sql: Sql, log: (line: string) => void): ChangeHub {
  const listeners = new Map<string, Set<Listener>>();
  let connections = 0;
  const deliver = (change: Change) => {
    for (const listener of listeners.get(change.municipalityId) ?? []) listener(change);
  };
  const listening = sql
    .listen(
      CHANGES_CHANNEL,
      (payload) => {
        const change = parseChange(payload);
        if (change) deliver(change);
      },
      () => {
        if (connections++ > 0) for (const municipalityId of listeners.keys()) deliver(everything(municipalityId));
      },
    )
    .catch((error: unknown) => {
      log(`live: cannot listen for changes: ${String(error)}`);
      return undefined;
    });
  return {
    subscribe(municipalityId, listener) {
      const set = listeners.get(municipalityId) ?? new Set<Listener>();
      listeners.set(municipalityId, set);
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(municipalityId) === set) listeners.delete(municipalityId);
      };
    },
    async stop() {
      listeners.clear();
      await (await listening)?.unlisten();
    },
  };
}

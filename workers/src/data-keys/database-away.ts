// Node only: how the codec waits for PostgreSQL instead of failing a workflow task on the first refusal.

/** postgres.js's codes (and Node's) for a connection that could not be made, was lost or did not answer. */
const CONNECTION_CODES = new Set([
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
]);

/** How long a key's read or creation keeps trying: under the request workflow task's 30 s timeout. */
const PATIENCE_MS = 20_000;

/**
 * Runs `query`, and again while PostgreSQL is away, for up to 20 s. A payload the codec cannot
 * decode fails its workflow task, which Temporal retries later and later (its backoff grows with
 * each failure): waiting here lets a worker cut from its database for a while pick up where it
 * was once the link is back. A wrong query or a missing key fails at once.
 */
export async function whileDatabaseAway<T>(query: () => Promise<T>): Promise<T> {
  const giveUpAt = Date.now() + PATIENCE_MS;
  for (let wait = 250; ; wait = Math.min(wait * 2, 2_000)) {
    try {
      return await query();
    } catch (error) {
      const code = String((error as { code?: unknown }).code ?? '');
      if (!CONNECTION_CODES.has(code) || Date.now() + wait > giveUpAt) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

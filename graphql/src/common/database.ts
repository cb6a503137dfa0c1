import type { Sql, TransactionSql } from 'postgres';

/** A transaction sealed to one municipality: row-level security shows and accepts only its rows. */
export type Db = TransactionSql;

/** The API's only way to PostgreSQL: each unit of work is a transaction under the role `parvis_api`. */
export interface Database {
  /** Runs `work` in a transaction that sees only this municipality's rows. */
  within<T>(municipalityId: string, work: (db: Db) => Promise<T>): Promise<T>;
  /** Runs `work` in a transaction that sees no municipality: only the cross-municipality functions answer. */
  outside<T>(work: (db: Db) => Promise<T>): Promise<T>;
}

/**
 * The longest one statement of the API may run: past it PostgreSQL cancels it, and the client is
 * answered 503 (a request has 10 s in all: server.ts, API_DEADLINE_MS).
 */
export const STATEMENT_TIMEOUT = '8s';

/** Wraps the owner's connection so that nothing the API runs escapes row-level security. */
export function sealedDatabase(sql: Sql): Database {
  const run = <T>(municipalityId: string, work: (db: Db) => Promise<T>): Promise<T> =>
    sql.begin(async (tx) => {
      // Sent at once, so the work's first query follows it on the wire without waiting a round trip;
      // PostgreSQL runs them in order, and should it fail, the transaction refuses everything after.
      const sealed =
        tx`select set_config('role', 'parvis_api', true), set_config('parvis.municipality', ${municipalityId}, true),
          set_config('statement_timeout', ${STATEMENT_TIMEOUT}, true)`.execute();
      const [result] = await Promise.all([work(tx), sealed]);
      return result;
    }) as Promise<T>;
  return {
    within: (municipalityId, work) => run(municipalityId, work),
    outside: (work) => run('', work),
  };
}

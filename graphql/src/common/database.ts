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

/** The longest one statement of the API may run: past it PostgreSQL cancels it, and the client is answered 503. */
export const STATEMENT_TIMEOUT = '8s';

/**
 * How long a unit of work waits for PostgreSQL to open its transaction (a connection, BEGIN, the
 * seal) before the client is answered 503: a frozen server accepts connections and answers nothing.
 */
export const DATABASE_WAIT_MS = 5_000;

/** The error a unit of work ends with when PostgreSQL did not open its transaction in time. */
export class DatabaseTimeout extends Error {
  readonly code = 'DATABASE_TIMEOUT';
}

/**
 * Wraps the owner's connection so that nothing the API runs escapes row-level security. A unit of
 * work whose transaction PostgreSQL has not opened within `waitMs` fails at once; should the
 * transaction open later, it is rolled back, so that nothing the client was told failed is written.
 */
export function sealedDatabase(sql: Sql, waitMs = DATABASE_WAIT_MS): Database {
  const run = <T>(municipalityId: string, work: (db: Db) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      let late = false;
      const timer = setTimeout(() => {
        late = true;
        reject(new DatabaseTimeout(`PostgreSQL did not open a transaction within ${waitMs} ms`));
      }, waitMs);
      sql
        .begin(async (tx) => {
          // Sent at once, so the work's first query follows it on the wire without waiting a round
          // trip; PostgreSQL runs them in order, and should it fail, the transaction refuses everything after.
          const sealed =
            tx`select set_config('role', 'parvis_api', true), set_config('parvis.municipality', ${municipalityId}, true),
            set_config('statement_timeout', ${STATEMENT_TIMEOUT}, true)`
              .execute()
              .then(() => {
                if (late) throw new DatabaseTimeout('rolled back: the client was already answered');
                clearTimeout(timer);
              });
          const [result] = await Promise.all([work(tx), sealed]);
          return result as T;
        })
        .then(resolve as (value: unknown) => void, (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        });
    });
  return {
    within: (municipalityId, work) => run(municipalityId, work),
    outside: (work) => run('', work),
  };
}

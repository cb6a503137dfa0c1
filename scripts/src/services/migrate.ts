import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Sql } from 'postgres';

/** Numbered SQL files, forward only: `001-foundation.sql`, `002-…`. */
export const MIGRATIONS_DIR = resolve(import.meta.dirname, '../../migrations');

export class MigrationError extends Error {
  readonly code = 'MIGRATION_FAILED';
}

/**
 * Applies the migrations not yet recorded, with their records, in one transaction: a failing one
 * leaves the database as it was. An advisory lock keeps concurrent starts (API and worker) from
 * racing.
 */
export async function migrate(sql: Sql, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await readdir(dir)).filter((name) => /^\d{3}-[\w-]+\.sql$/.test(name)).sort();
  const applied: string[] = [];
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(727472)`;
    await tx`create table if not exists schema_migrations (
      version integer primary key, name text not null, applied_at timestamptz not null default now())`;
    const done = new Set(
      (await tx<{ version: number }[]>`select version from schema_migrations`).map((r) => r.version),
    );
    for (const name of files) {
      const version = Number(name.slice(0, 3));
      if (done.has(version)) continue;
      const text = await readFile(join(dir, name), 'utf8');
      try {
        await tx.unsafe(text);
      } catch (error) {
        throw new MigrationError(
          `Migration ${name} failed: ${(error as Error).message}. The database was left as it was.`,
        );
      }
      await tx`insert into schema_migrations (version, name) values (${version}, ${name})`;
      applied.push(name);
    }
  });
  return applied;
}

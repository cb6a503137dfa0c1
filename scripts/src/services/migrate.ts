import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Sql } from 'postgres';

/** Numbered SQL files, forward only: `001-foundation.sql`, `002-…`. */
export const MIGRATIONS_DIR = resolve(import.meta.dirname, '../../migrations');

export class MigrationError extends Error {
  readonly code = 'MIGRATION_FAILED';
}

const checksumOf = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Applies the migrations not yet recorded, with their records and checksums, in one transaction: a
 * failing one leaves the database as it was. An advisory lock keeps concurrent starts (API and
 * worker) from racing. Migrations are immutable: a file changed after it was applied is refused
 * before anything runs, since the databases that applied it never see the change.
 */
export async function migrate(sql: Sql, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await readdir(dir)).filter((name) => /^\d{3}-[\w-]+\.sql$/.test(name)).sort();
  const applied: string[] = [];
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(727472)`;
    await tx`create table if not exists schema_migrations (
      version integer primary key, name text not null, applied_at timestamptz not null default now())`;
    // Checksums came after the first migrations: those applied before are recorded as they are now.
    await tx`alter table schema_migrations add column if not exists checksum text`;
    const done = new Map(
      (await tx<{ version: number; checksum: string | null }[]>`select version, checksum from schema_migrations`).map(
        (r) => [r.version, r.checksum],
      ),
    );
    for (const name of files) {
      const version = Number(name.slice(0, 3));
      const text = await readFile(join(dir, name), 'utf8');
      const checksum = checksumOf(text);
      if (done.has(version)) {
        const recorded = done.get(version);
        if (recorded === null) await tx`update schema_migrations set checksum = ${checksum} where version = ${version}`;
        else if (recorded !== checksum) {
          throw new MigrationError(
            `Migration ${name} was changed after it was applied to this database (its checksum differs): migrations are immutable. Put the file back as it was and write the change in a new migration.`,
          );
        }
        continue;
      }
      try {
        await tx.unsafe(text);
      } catch (error) {
        throw new MigrationError(
          `Migration ${name} failed: ${(error as Error).message}. The database was left as it was.`,
        );
      }
      await tx`insert into schema_migrations (version, name, checksum) values (${version}, ${name}, ${checksum})`;
      applied.push(name);
    }
  });
  return applied;
}

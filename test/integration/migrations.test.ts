import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MigrationError, migrate } from '@parvis/scripts';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../support/database.ts';

describe('migrations', () => {
  let database: Awaited<ReturnType<typeof testDatabase>>;
  let sql: postgres.Sql;
  beforeAll(async () => {
    database = await testDatabase();
    sql = postgres(database.url, { onnotice: () => {} });
  });
  afterAll(async () => {
    await sql?.end();
    await database?.drop();
  });

  it('applies the shipped migrations once, and records them', async () => {
    const first = await migrate(sql);
    const second = await migrate(sql);
    expect(first[0]).toBe('001-foundation.sql');
    expect(second).toEqual([]);
  });

  it('leaves the database as it was when one migration fails', async () => {
    // given a good migration followed by a broken one
    const dir = await mkdtemp(join(tmpdir(), 'parvis-migrations-'));
    await writeFile(join(dir, '001-good.sql'), 'create table good_one (id int);');
    await writeFile(join(dir, '002-broken.sql'), 'create table broken (id int); select * from no_such_table;');
    const fresh = postgres(database.url, { onnotice: () => {}, connection: { search_path: 'scratch' } });
    await sql`create schema scratch`;
    // when
    const failure = await migrate(fresh, dir).catch((error: unknown) => error);
    // then
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as Error).message).toContain('002-broken.sql');
    const tables = await sql`select table_name from information_schema.tables where table_schema = 'scratch'`;
    expect(tables).toHaveLength(0);
    await fresh.end();
  });

  it('refuses a migration changed after it was applied, before running anything', async () => {
    // given a database that applied two migrations
    const dir = await mkdtemp(join(tmpdir(), 'parvis-migrations-'));
    await writeFile(join(dir, '001-first.sql'), 'create table first_one (id int);');
    await writeFile(join(dir, '002-second.sql'), 'create table second_one (id int);');
    const fresh = postgres(database.url, { onnotice: () => {}, connection: { search_path: 'immutable' } });
    await sql`create schema immutable`;
    expect(await migrate(fresh, dir)).toEqual(['001-first.sql', '002-second.sql']);
    // when the first is edited afterwards, and a third is added
    await writeFile(join(dir, '001-first.sql'), 'create table first_one (id int, added text);');
    await writeFile(join(dir, '003-third.sql'), 'create table third_one (id int);');
    const failure = await migrate(fresh, dir).catch((error: unknown) => error);
    // then the start is refused, naming the file and what to do, and the third did not run
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as Error).message).toContain('Migration 001-first.sql was changed after it was applied');
    expect((failure as Error).message).toContain('write the change in a new migration');
    const tables = await sql`select table_name from information_schema.tables where table_schema = 'immutable'`;
    expect(tables.map((t) => t.table_name).sort()).toEqual(['first_one', 'schema_migrations', 'second_one']);
    await fresh.end();
  });
});

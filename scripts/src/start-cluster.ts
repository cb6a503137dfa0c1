// `npm run start:cluster`: the production topology on one machine — the real Temporal server's
// four services in processes of their own on PostgreSQL, two APIs and two workers.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import postgres from 'postgres';
import { clusterOf } from './cluster/cluster.ts';
import { clusterListeners, localClusterSettings } from './cluster/local-settings.ts';
import { frontendAddress, logFile } from './cluster/settings.ts';
import { config } from './config.ts';
import { exitOnStartupError, onShutdown } from './lifecycle.ts';
import { requiredEnv } from './required-env.ts';
import { seedDemo } from './seed.ts';
import { checkReachable } from './services/database.ts';
import { withLocalMasterKey } from './services/master-key.ts';
import { migrate } from './services/migrate.ts';
import { ensurePortsFree } from './services/ports.ts';
import { provideSmtp } from './services/smtp.ts';
import { answerHelp } from './usage.ts';

answerHelp(`usage: npm run start:cluster
Runs Parvis as it runs across machines, on this one: the Temporal server (built once from source
into .tools/temporal-server) as four processes — frontend, history, matching, worker — on
PostgreSQL, two API processes and two worker processes; stops everything on Ctrl-C.
  DATABASE_URL (required)   Parvis's database; Temporal's two are created on the same server
  TEMPORAL_DB_NAME (temporal), TEMPORAL_VISIBILITY_DB_NAME (temporal_visibility)
  TEMPORAL_FRONTEND_PORT (7233) and the other ports of deploy/temporal/config.yaml
  PORT (3000)               the first API; the second listens on the next port
  SMTP_URL                  a mail server to use instead of the SMTP sink (SMTP_SINK_PORT, 2525)
  PARVIS_DATA_DIR (./data)  logs in <dir>/cluster/logs, one file per process`);

const log = (line: string) => console.log(`[parvis] ${line}`);

try {
  const { DATABASE_URL } = requiredEnv('DATABASE_URL');
  await checkReachable(DATABASE_URL);
  const dataDir = join(config.dataDir, 'cluster');
  await mkdir(dataDir, { recursive: true });
  const { PARVIS_MASTER_KEY } = await withLocalMasterKey(dataDir, process.env, log);
  const settings = localClusterSettings(process.env, {
    dataDir,
    databaseUrl: DATABASE_URL,
    smtpUrl: process.env.SMTP_URL ?? `smtp://127.0.0.1:${config.smtpPort}`,
    parvisEnv: { PARVIS_MASTER_KEY: PARVIS_MASTER_KEY! },
  });
  await ensurePortsFree([
    ...clusterListeners(settings),
    ...(process.env.SMTP_URL ? [] : [{ port: config.smtpPort, what: 'the SMTP sink', setting: 'SMTP_SINK_PORT' }]),
  ]);
  const smtp = await provideSmtp({
    port: config.smtpPort,
    onMail: (mail) => log(`mail to ${mail.to.join(', ')}: ${mail.subject}`),
  });
  onShutdown('the SMTP sink', () => smtp.stop());

  // As `npm start` does: the schema, the procedures, the demo municipality and its accounts.
  const sql = postgres(DATABASE_URL, { onnotice: () => {}, max: 2 });
  const applied = await migrate(sql);
  if (applied.length > 0) log(`migrations applied: ${applied.join(', ')}`);
  await seedDemo(sql, log);
  await sql.end({ timeout: 5 });

  log(`starting the cluster; logs in ${logFile(settings, '*')}`);
  const cluster = clusterOf(settings);
  // Each service gets 15 s before its SIGKILL; Parvis's processes, then Temporal's.
  onShutdown('the cluster', () => cluster.stop(), 35_000);
  await cluster.start(log);
  console.log(
    [
      '',
      'The Parvis cluster is running:',
      `  Temporal frontend:  ${frontendAddress(settings)} (history, matching and worker services beside it)`,
      ...cluster.apiUrls.map((url, i) => `  API ${i + 1}:             ${url}/ (GraphQL at /graphql)`),
      `  Workers:            ${settings.workerCount}`,
      `  Logs:               ${logFile(settings, '<process>')}`,
      'Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
} catch (error) {
  await exitOnStartupError(error);
}

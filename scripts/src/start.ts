// `npm start`: everything on one machine — Temporal, PostgreSQL, SMTP sink, worker, API, portal.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createApiApp, createHttpServer, createMailer, startSmtpIntake } from '@parvis/graphql';
import {
  createRequestWorker,
  ensureRetentionSchedule,
  ensureUploadsSweepSchedule,
  openPayloadEncryption,
  syncProcedureSchedules,
  tuningInterceptor,
} from '@parvis/workers';
import { Client, Connection } from '@temporalio/client';
import postgres from 'postgres';
import { type ChannelSettings, channelSettings } from './channel-settings.ts';
import { config } from './config.ts';
import { exitOnStartupError, onShutdown } from './lifecycle.ts';
import { DEMO_AGENTS, DEMO_MUNICIPALITY, seedDemo } from './seed.ts';
import { clusterDir, EMBEDDED_PORT, postmasterPidFile, provideDatabase } from './services/database.ts';
import { takeDataDir } from './services/leftovers.ts';
import { withLocalMasterKey } from './services/master-key.ts';
import { migrate } from './services/migrate.ts';
import { ensurePortsFree, type Listener } from './services/ports.ts';
import { provideSmtp } from './services/smtp.ts';
import { devServerPidFile, provideTemporal } from './services/temporal.ts';
import { answerHelp } from './usage.ts';

answerHelp(`usage: npm start
Runs all of Parvis on this machine — a Temporal dev server, PostgreSQL, an SMTP sink, the worker,
the API and the portal — and stops it all on Ctrl-C. Settings come from the environment:
  PARVIS_DATA_DIR    where Temporal and PostgreSQL keep their data (./data)
  PORT (3000), TEMPORAL_PORT (7233), TEMPORAL_UI_PORT (8233), PARVIS_PG_PORT (54329),
  SMTP_SINK_PORT (2525), INTAKE_SMTP_PORT (2526)    the ports it listens on
  TEMPORAL_ADDRESS, DATABASE_URL, SMTP_URL    servers to use instead of starting its own`);

const log = (line: string) => console.log(`[parvis] ${line}`);

/** The ports this start listens on: a server named by its address listens elsewhere. */
function listeners(channels: ChannelSettings): Listener[] {
  const { TEMPORAL_ADDRESS, DATABASE_URL, SMTP_URL } = process.env;
  return [
    { port: config.port, what: 'the portal and API', setting: 'PORT' },
    ...(TEMPORAL_ADDRESS
      ? []
      : [
          { port: config.temporalPort, what: 'Temporal', setting: 'TEMPORAL_PORT' },
          { port: config.temporalUiPort, what: 'the Temporal UI', setting: 'TEMPORAL_UI_PORT' },
        ]),
    ...(DATABASE_URL ? [] : [{ port: EMBEDDED_PORT, what: 'PostgreSQL', setting: 'PARVIS_PG_PORT' }]),
    ...(SMTP_URL ? [] : [{ port: config.smtpPort, what: 'the SMTP sink', setting: 'SMTP_SINK_PORT' }]),
    ...(channels.intake ? [{ port: channels.intake.port, what: 'the mail intake', setting: 'INTAKE_SMTP_PORT' }] : []),
  ];
}

try {
  const channels = channelSettings({ intakePort: config.intakeSmtpPort });
  const temporalDir = join(config.dataDir, 'temporal');
  const servers = [devServerPidFile(temporalDir), postmasterPidFile(await clusterDir(config.dataDir))];
  onShutdown('the data folder', await takeDataDir(config.dataDir, servers, log));
  await ensurePortsFree(listeners(channels));
  const temporal = await provideTemporal({
    dataDir: temporalDir,
    port: config.temporalPort,
    uiPort: config.temporalUiPort,
    log,
  });
  // Both force their own process within 4 s (see their stop).
  onShutdown('Temporal', () => temporal.stop(), 8_000);
  const database = await provideDatabase({ dataDir: config.dataDir, log });
  onShutdown('PostgreSQL', () => database.stop(), 8_000);
  const smtp = await provideSmtp({
    port: config.smtpPort,
    onMail: (mail) => log(`mail to ${mail.to.join(', ')}: ${mail.subject}`),
  });
  onShutdown('the SMTP sink', () => smtp.stop());
  // One pool for the API and the worker this process runs.
  const sql = postgres(database.url, {
    onnotice: () => {},
    max: config.workerDbConnections,
    connect_timeout: config.dbConnectTimeoutSeconds,
  });
  onShutdown('the database pool', () => sql.end({ timeout: 5 }));
  const applied = await migrate(sql);
  if (applied.length > 0) log(`migrations applied: ${applied.join(', ')}`);
  await seedDemo(sql, log);
  const encryption = await openPayloadEncryption(
    database.url,
    await withLocalMasterKey(config.dataDir, process.env, log),
  );
  onShutdown('the payload encryption', () => encryption.close());
  if (encryption.rewrapped > 0) log(`data keys re-wrapped under the current master key: ${encryption.rewrapped}`);

  const worker = await createRequestWorker({
    encryption,
    temporalAddress: temporal.address,
    namespace: temporal.namespace,
    sql,
    smtpUrl: smtp.url,
    publicUrl: config.publicUrl,
  });
  const running = worker.run();
  onShutdown('the worker', async () => {
    worker.shutdown();
    await running;
  });

  const connection = await Connection.connect({ address: temporal.address });
  onShutdown('the Temporal connection', () => connection.close());
  const client = new Client({
    connection,
    namespace: temporal.namespace,
    dataConverter: { payloadCodecs: [encryption.codec] },
    interceptors: { workflow: [tuningInterceptor()] },
  });
  const schedules = await syncProcedureSchedules(client, sql);
  await ensureUploadsSweepSchedule(client);
  await ensureRetentionSchedule(client);
  if (schedules.length > 0) log(`scheduled procedures: ${schedules.join(', ')}`);
  const app = await createApiApp(
    {
      sql,
      temporal: client,
      publicUrl: config.publicUrl,
      smtpUrl: smtp.url,
    },
    {
      portalDir: existsSync(resolve(import.meta.dirname, '../../portal/dist/index.html'))
        ? resolve(import.meta.dirname, '../../portal/dist')
        : resolve(import.meta.dirname, '../../portal/placeholder'),
      mailbox: smtp.messages,
      rateLimit: channels.rateLimit,
      trustProxy: channels.trustProxy,
      smsWebhookSecret: channels.smsWebhookSecret,
    },
  );
  const server = createHttpServer(app);
  await new Promise<void>((done) => server.listen(config.port, done));
  onShutdown('the portal and API', () => new Promise<void>((done) => server.close(() => done())));
  const intake = channels.intake
    ? await startSmtpIntake({ sql, temporal: client, mailer: createMailer(smtp.url, log) }, { ...channels.intake, log })
    : undefined;
  if (intake) onShutdown('the mail intake', () => intake.stop());

  console.log(
    [
      '',
      `Parvis is running — ${DEMO_MUNICIPALITY.name}`,
      `  Portal:       ${config.publicUrl}/`,
      `  GraphQL:      ${config.publicUrl}/graphql`,
      `  Mailbox:      ${config.publicUrl}/dev/mailbox${process.env.SMTP_URL ? ' (SMTP_URL is set: mail goes there)' : ''}`,
      `  Temporal UI:  ${temporal.uiUrl ?? '(external Temporal)'}`,
      ...(intake ? [`  Mail intake:  smtp://localhost:${intake.port} (to ${DEMO_MUNICIPALITY.contactEmail})`] : []),
      `  Data:         ${config.dataDir}`,
      '  Demo accounts (municipality "demo"):',
      ...DEMO_AGENTS.map((a) => `    ${a.email.padEnd(24)} ${a.password.padEnd(14)} ${a.roles.join(', ')}`),
      'Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
} catch (error) {
  await exitOnStartupError(error);
}

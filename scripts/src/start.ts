// `npm start`: everything on one machine — Temporal, PostgreSQL, SMTP sink, worker, API, portal.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createApiApp, createHttpServer, startSmtpIntake } from '@parvis/graphql';
import { createRequestWorker, ensureUploadsSweepSchedule, syncProcedureSchedules } from '@parvis/workers';
import { Client, Connection } from '@temporalio/client';
import postgres from 'postgres';
import { channelSettings } from './channel-settings.ts';
import { config } from './config.ts';
import { exitOnStartupError, onShutdown } from './lifecycle.ts';
import { DEMO_AGENTS, DEMO_MUNICIPALITY, seedDemo } from './seed.ts';
import { provideDatabase } from './services/database.ts';
import { migrate } from './services/migrate.ts';
import { provideSmtp } from './services/smtp.ts';
import { provideTemporal } from './services/temporal.ts';

const log = (line: string) => console.log(`[parvis] ${line}`);

try {
  const channels = channelSettings({ intakePort: config.intakeSmtpPort });
  const temporal = await provideTemporal({
    dataDir: join(config.dataDir, 'temporal'),
    port: config.temporalPort,
    uiPort: config.temporalUiPort,
    log,
  });
  onShutdown(() => temporal.stop());
  const database = await provideDatabase({ dataDir: config.dataDir, log });
  onShutdown(() => database.stop());
  const smtp = await provideSmtp({
    port: config.smtpPort,
    onMail: (mail) => log(`mail to ${mail.to.join(', ')}: ${mail.subject}`),
  });
  onShutdown(() => smtp.stop());
  // One pool for the API and the worker this process runs.
  const sql = postgres(database.url, { onnotice: () => {}, max: config.workerDbConnections });
  onShutdown(() => sql.end({ timeout: 5 }));
  const applied = await migrate(sql);
  if (applied.length > 0) log(`migrations applied: ${applied.join(', ')}`);
  await seedDemo(sql, log);

  const worker = await createRequestWorker({
    temporalAddress: temporal.address,
    namespace: temporal.namespace,
    sql,
    smtpUrl: smtp.url,
    publicUrl: config.publicUrl,
  });
  const running = worker.run();
  onShutdown(async () => {
    worker.shutdown();
    await running;
  });

  const connection = await Connection.connect({ address: temporal.address });
  onShutdown(() => connection.close());
  const client = new Client({ connection, namespace: temporal.namespace });
  const schedules = await syncProcedureSchedules(client, sql);
  await ensureUploadsSweepSchedule(client);
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
  onShutdown(() => new Promise<void>((done) => server.close(() => done())));
  const intake = channels.intake
    ? await startSmtpIntake({ sql, temporal: client }, { ...channels.intake, log })
    : undefined;
  if (intake) onShutdown(() => intake.stop());

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

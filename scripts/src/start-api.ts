// `npm run start:api`: the API alone, against TEMPORAL_ADDRESS and DATABASE_URL (run as many as needed).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApiApp, createHttpServer, createMailer, startSmtpIntake } from '@parvis/graphql';
import { openPayloadEncryption, tuningInterceptor } from '@parvis/workers';
import { Client, Connection } from '@temporalio/client';
import postgres from 'postgres';
import { channelSettings } from './channel-settings.ts';
import { config } from './config.ts';
import { exitOnStartupError, onShutdown } from './lifecycle.ts';
import { recordLibrary } from './procedure-install.ts';
import { requiredEnv } from './required-env.ts';
import { checkReachable } from './services/database.ts';
import { migrate } from './services/migrate.ts';
import { ensurePortsFree } from './services/ports.ts';
import { answerHelp } from './usage.ts';

answerHelp(`usage: npm run start:api
Runs the API alone (GraphQL, the portal, the inbound channels) against shared servers (run as many
as needed). It reads TEMPORAL_ADDRESS and DATABASE_URL (required), PORT (3000), SMTP_URL and the
channel settings docs/operations.md lists.`);

try {
  const env = requiredEnv('TEMPORAL_ADDRESS', 'DATABASE_URL');
  const channels = channelSettings();
  await ensurePortsFree([
    { port: config.port, what: 'the API', setting: 'PORT' },
    ...(channels.intake ? [{ port: channels.intake.port, what: 'the mail intake', setting: 'INTAKE_SMTP_PORT' }] : []),
  ]);
  await checkReachable(env.DATABASE_URL);
  const sql = postgres(env.DATABASE_URL, { onnotice: () => {}, connect_timeout: config.dbConnectTimeoutSeconds });
  onShutdown('the database pool', () => sql.end({ timeout: 5 }));
  await migrate(sql);
  await recordLibrary(sql);
  const encryption = await openPayloadEncryption(env.DATABASE_URL);
  onShutdown('the payload encryption', () => encryption.close());
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  onShutdown('the Temporal connection', () => connection.close());
  const temporal = new Client({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    dataConverter: { payloadCodecs: [encryption.codec] },
    interceptors: { workflow: [tuningInterceptor()] },
  });
  const app = await createApiApp(
    { sql, temporal, publicUrl: config.publicUrl, smtpUrl: process.env.SMTP_URL },
    {
      portalDir: existsSync(resolve(import.meta.dirname, '../../portal/dist/index.html'))
        ? resolve(import.meta.dirname, '../../portal/dist')
        : resolve(import.meta.dirname, '../../portal/placeholder'),
      rateLimit: channels.rateLimit,
      trustProxy: channels.trustProxy,
      smsWebhookSecret: channels.smsWebhookSecret,
      metricsToken: process.env.PARVIS_METRICS_TOKEN || undefined,
    },
  );
  const server = createHttpServer(app);
  await new Promise<void>((done) => server.listen(config.port, done));
  onShutdown('the portal and API', () => new Promise<void>((done) => server.close(() => done())));
  console.log(`[parvis] API listening on port ${config.port} (GraphQL at /graphql)`);
  if (channels.intake) {
    const mailer = createMailer(process.env.SMTP_URL, (line) => console.error(line));
    const intake = await startSmtpIntake({ sql, temporal, mailer }, channels.intake);
    onShutdown('the mail intake', () => intake.stop());
    console.log(`[parvis] SMTP intake listening on port ${intake.port}`);
  }
} catch (error) {
  await exitOnStartupError(error);
}

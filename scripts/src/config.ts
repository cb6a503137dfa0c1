import { resolve } from 'node:path';

/** Settings read from the environment, with the defaults of one machine. */
export const config = {
  dataDir: resolve(process.env.PARVIS_DATA_DIR ?? 'data'),
  port: Number(process.env.PORT ?? 3000),
  temporalPort: Number(process.env.TEMPORAL_PORT ?? 7233),
  temporalUiPort: Number(process.env.TEMPORAL_UI_PORT ?? 8233),
  smtpPort: Number(process.env.SMTP_SINK_PORT ?? 2525),
  /** `npm start`'s SMTP intake, unless INTAKE_SMTP_PORT says otherwise. */
  intakeSmtpPort: 2526,
  publicUrl: process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`,
  /**
   * PostgreSQL connections of a worker process. A request's first step runs within its workflow
   * task, up to 40 at once per worker, each wanting a connection: with postgres.js's default of 10
   * they queued for one, and the tasks waiting on them capped a worker at about 43 requests/s on
   * this machine; with 30, 54 (npm run bench:lifecycle).
   */
  workerDbConnections: Number(process.env.PARVIS_WORKER_DB_CONNECTIONS ?? 30),
  /**
   * Seconds the API waits for a new PostgreSQL connection before it answers 503 (postgres.js waits
   * 30 by default, longer than any client does).
   */
  dbConnectTimeoutSeconds: 5,
};

// Runtime wiring shared by `npm start`, the standalone API and worker, and the tests.

export { type Cluster, type ClusterProcessName, clusterOf } from './src/cluster/cluster.ts';
export {
  type ClusterSettings,
  type ServicePorts,
  TEMPORAL_SERVICES,
  type TemporalServiceName,
} from './src/cluster/settings.ts';
export {
  checkReachable,
  type DatabaseService,
  DatabaseUnavailableError,
  provideDatabase,
} from './src/services/database.ts';
export { describeSchema } from './src/services/describe-schema.ts';
export { freePort } from './src/services/free-port.ts';
export { MIGRATIONS_DIR, MigrationError, migrate } from './src/services/migrate.ts';
export { provideSmtp, type SmtpService, type SunkMail } from './src/services/smtp.ts';
export { provideTemporal, type TemporalService } from './src/services/temporal.ts';
export { findTemporalCli, NO_TEMPORAL_HELP, TemporalUnavailableError } from './src/services/temporal-cli.ts';

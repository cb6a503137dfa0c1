// What a cluster on one machine is made of: its ports, its databases, its folders. The Temporal
// services read theirs from the environment, through the templates of deploy/temporal/config.yaml.
import { join, resolve } from 'node:path';

/** Started in this order; the frontend is the one clients talk to. */
export const TEMPORAL_SERVICES = ['history', 'matching', 'frontend', 'worker'] as const;
export type TemporalServiceName = (typeof TEMPORAL_SERVICES)[number];

export interface ServicePorts {
  /** gRPC: what the other services (and, for the frontend, the clients) call */
  grpc: number;
  /** ringpop: how the services find each other */
  membership: number;
  /** Prometheus metrics of this process */
  metrics: number;
}

export interface ClusterSettings {
  /** Logs (one file per process, under `logs/`) */
  dataDir: string;
  /** Parvis's database; Temporal's two databases live on the same PostgreSQL server. */
  databaseUrl: string;
  temporalDatabase: string;
  visibilityDatabase: string;
  temporal: Record<TemporalServiceName, ServicePorts>;
  /** The frontend's HTTP API */
  frontendHttpPort: number;
  /** One API process per port */
  apiPorts: number[];
  workerCount: number;
  smtpUrl: string;
  /** What every API and worker process gets besides the cluster's addresses (the master key…) */
  parvisEnv: Record<string, string>;
}

/**
 * Each service's connections to Temporal's default store (visibility: 2 each, the config's
 * default): at most 30 for the four rather than 48, the machine's PostgreSQL (100 connections by
 * default) serving Parvis's APIs and workers, and whatever else runs here, too. History does most
 * of the writing; the worker service runs only Temporal's own system workflows.
 */
const DB_CONNECTIONS: Record<TemporalServiceName, number> = { history: 10, frontend: 5, matching: 5, worker: 2 };

export const TEMPORAL_CONFIG_DIR = resolve(import.meta.dirname, '../../../deploy/temporal');

export const logFile = (settings: ClusterSettings, process: string) => join(settings.dataDir, 'logs', `${process}.log`);

export const frontendAddress = (settings: ClusterSettings) => `127.0.0.1:${settings.temporal.frontend.grpc}`;

/** The variables deploy/temporal/config.yaml reads, for the process running `service`. */
export function temporalEnv(settings: ClusterSettings, service: TemporalServiceName): Record<string, string> {
  const database = new URL(settings.databaseUrl);
  const { history, matching, frontend, worker } = settings.temporal;
  return {
    TEMPORAL_DB_HOST: database.hostname,
    TEMPORAL_DB_PORT: database.port || '5432',
    TEMPORAL_DB_USER: decodeURIComponent(database.username),
    TEMPORAL_DB_PASSWORD: decodeURIComponent(database.password),
    TEMPORAL_DB_NAME: settings.temporalDatabase,
    TEMPORAL_VISIBILITY_DB_NAME: settings.visibilityDatabase,
    TEMPORAL_DB_MAX_CONNS: String(DB_CONNECTIONS[service]),
    TEMPORAL_FRONTEND_PORT: String(frontend.grpc),
    TEMPORAL_FRONTEND_HTTP_PORT: String(settings.frontendHttpPort),
    TEMPORAL_FRONTEND_MEMBERSHIP_PORT: String(frontend.membership),
    TEMPORAL_HISTORY_PORT: String(history.grpc),
    TEMPORAL_HISTORY_MEMBERSHIP_PORT: String(history.membership),
    TEMPORAL_MATCHING_PORT: String(matching.grpc),
    TEMPORAL_MATCHING_MEMBERSHIP_PORT: String(matching.membership),
    TEMPORAL_WORKER_PORT: String(worker.grpc),
    TEMPORAL_WORKER_MEMBERSHIP_PORT: String(worker.membership),
    TEMPORAL_METRICS_PORT: String(settings.temporal[service].metrics),
    TEMPORAL_DYNAMIC_CONFIG: join(TEMPORAL_CONFIG_DIR, 'dynamicconfig.yaml'),
  };
}

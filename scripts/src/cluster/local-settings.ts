// `npm run start:cluster`'s settings: the ports of deploy/temporal/config.yaml unless the same
// variables say otherwise, and Parvis's APIs on PORT and the next port.
import { config } from '../config.ts';
import type { Listener } from '../services/ports.ts';
import { type ClusterSettings, TEMPORAL_SERVICES, type TemporalServiceName } from './settings.ts';

const DEFAULT_PORTS: Record<TemporalServiceName, { grpc: number; membership: number }> = {
  frontend: { grpc: 7233, membership: 6933 },
  history: { grpc: 7234, membership: 6934 },
  matching: { grpc: 7235, membership: 6935 },
  worker: { grpc: 7239, membership: 6939 },
};

export function localClusterSettings(
  env: Record<string, string | undefined>,
  given: Pick<ClusterSettings, 'dataDir' | 'databaseUrl' | 'smtpUrl' | 'parvisEnv'>,
): ClusterSettings {
  const port = (name: string, fallback: number) => Number(env[name] ?? fallback);
  // Metrics on consecutive ports from TEMPORAL_METRICS_PORT, one per service.
  const metricsBase = port('TEMPORAL_METRICS_PORT', 8000);
  const temporal = Object.fromEntries(
    TEMPORAL_SERVICES.map((service, i) => {
      const variable = `TEMPORAL_${service.toUpperCase()}`;
      return [
        service,
        {
          grpc: port(`${variable}_PORT`, DEFAULT_PORTS[service].grpc),
          membership: port(`${variable}_MEMBERSHIP_PORT`, DEFAULT_PORTS[service].membership),
          metrics: metricsBase + i,
        },
      ];
    }),
  ) as ClusterSettings['temporal'];
  return {
    ...given,
    temporalDatabase: env.TEMPORAL_DB_NAME ?? 'temporal',
    visibilityDatabase: env.TEMPORAL_VISIBILITY_DB_NAME ?? 'temporal_visibility',
    temporal,
    frontendHttpPort: port('TEMPORAL_FRONTEND_HTTP_PORT', 7243),
    apiPorts: [config.port, config.port + 1],
    workerCount: 2,
  };
}

/** Every port the cluster listens on, for ensurePortsFree. */
export function clusterListeners(settings: ClusterSettings): Listener[] {
  return [
    ...TEMPORAL_SERVICES.flatMap((service) => {
      const variable = `TEMPORAL_${service.toUpperCase()}`;
      const { grpc, membership, metrics } = settings.temporal[service];
      return [
        { port: grpc, what: `Temporal's ${service}`, setting: `${variable}_PORT` },
        { port: membership, what: `Temporal's ${service} membership`, setting: `${variable}_MEMBERSHIP_PORT` },
        { port: metrics, what: `Temporal's ${service} metrics`, setting: 'TEMPORAL_METRICS_PORT' },
      ];
    }),
    { port: settings.frontendHttpPort, what: "Temporal's HTTP API", setting: 'TEMPORAL_FRONTEND_HTTP_PORT' },
    ...settings.apiPorts.map((port) => ({ port, what: 'an API', setting: 'PORT' })),
  ];
}

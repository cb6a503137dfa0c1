// Temporal's four services, each in a process of its own, as deploy/temporal/config.yaml lays them out.
import { join } from 'node:path';
import { temporalServerEnv } from '../services/temporal.ts';
import { type LoggedProcess, startLoggedProcess } from './logged-process.ts';
import type { TemporalServerBinaries } from './server-binaries.ts';
import {
  type ClusterSettings,
  logFile,
  TEMPORAL_CONFIG_DIR,
  type TemporalServiceName,
  temporalEnv,
} from './settings.ts';

/**
 * Starts one service. Resolves once it has written itself into the cluster's membership (at
 * TEMPORAL_LOG_LEVEL info): the frontend still needs waitForFrontend before it answers clients.
 */
export function startTemporalService(
  binaries: TemporalServerBinaries,
  settings: ClusterSettings,
  service: TemporalServiceName,
): Promise<LoggedProcess> {
  return startLoggedProcess({
    name: `temporal-${service}`,
    command: binaries.server,
    args: ['--config-file', join(TEMPORAL_CONFIG_DIR, 'config.yaml'), '--allow-no-auth', 'start', '--service', service],
    env: { ...temporalServerEnv(), ...temporalEnv(settings, service) },
    logFile: logFile(settings, `temporal-${service}`),
    ready: { text: 'Membership heartbeat upserted successfully', timeoutMs: 60_000 },
  });
}

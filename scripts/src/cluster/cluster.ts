// The whole topology on one machine: Temporal's four services in processes of their own on
// PostgreSQL, then Parvis's APIs and workers against them. Used by `npm run start:cluster` and
// by the cluster fault tests, which kill and restart its processes.
import { ensureNamespace } from '@parvis/workers';
import { Connection } from '@temporalio/client';
import { waitForFrontend } from '../services/temporal.ts';
import { prepareTemporalDatabases } from './databases.ts';
import type { LoggedProcess } from './logged-process.ts';
import { startApiProcess, startWorkerProcess } from './parvis-processes.ts';
import { temporalServerBinaries } from './server-binaries.ts';
import { type ClusterSettings, frontendAddress, TEMPORAL_SERVICES, type TemporalServiceName } from './settings.ts';
import { startTemporalService } from './temporal-services.ts';

/** A process of the cluster by name: `temporal-history`, `api-1`, `worker-2`… */
export type ClusterProcessName = `temporal-${TemporalServiceName}` | `api-${number}` | `worker-${number}`;

export interface Cluster {
  /** host:port of Temporal's frontend */
  temporalAddress: string;
  /** Base URL of each API process, in order */
  apiUrls: string[];
  /** Every running process, by name */
  processes: Map<ClusterProcessName, LoggedProcess>;
  /**
   * Builds the Temporal server if missing, prepares its databases, starts its four services,
   * the namespace and its search attributes, then the APIs and the workers.
   */
  start(log: (line: string) => void): Promise<void>;
  /** SIGKILL, without starting it again. */
  kill9(name: ClusterProcessName): Promise<void>;
  /** Starts a process again (after kill9), or stops it first (SIGTERM) and starts it again. */
  restart(name: ClusterProcessName): Promise<void>;
  /** Stops what runs, at any time: the APIs and workers, then Temporal's services. */
  stop(): Promise<void>;
}

export function clusterOf(settings: ClusterSettings): Cluster {
  const processes = new Map<ClusterProcessName, LoggedProcess>();
  const starters = new Map<ClusterProcessName, () => Promise<LoggedProcess>>();
  // Starts under way, so that a stop (Ctrl-C during the start) also stops what they start.
  const starting = new Set<Promise<void>>();
  let stopping = false;
  const start = (name: ClusterProcessName) => {
    const started = starters.get(name)!().then(async (child) => {
      processes.set(name, child);
      if (stopping) await child.stop();
    });
    starting.add(started);
    return started.finally(() => starting.delete(started));
  };
  return {
    temporalAddress: frontendAddress(settings),
    apiUrls: settings.apiPorts.map((port) => `http://127.0.0.1:${port}`),
    processes,
    async start(log) {
      const binaries = await temporalServerBinaries(log);
      await prepareTemporalDatabases(binaries, settings);
      for (const service of TEMPORAL_SERVICES)
        starters.set(`temporal-${service}`, () => startTemporalService(binaries, settings, service));
      for (let n = 1; n <= settings.apiPorts.length; n++) starters.set(`api-${n}`, () => startApiProcess(settings, n));
      for (let n = 1; n <= settings.workerCount; n++)
        starters.set(`worker-${n}`, () => startWorkerProcess(settings, n));

      // The first service to start writes the cluster's metadata row: on fresh databases, two
      // starting at once both try, and the loser exits (duplicate key). One first, then the rest.
      const [first, ...others] = TEMPORAL_SERVICES;
      await start(`temporal-${first!}`);
      await Promise.all(others.map((service) => start(`temporal-${service}`)));
      await waitForFrontend(frontendAddress(settings), 60_000);
      const connection = await Connection.connect({ address: frontendAddress(settings) });
      const registered = await ensureNamespace(connection, 'default').finally(() => connection.close());
      if (registered.length > 0) log(`search attributes registered: ${registered.join(', ')}`);
      // One at a time: each process migrates the database at its start, and two cores are few.
      for (const name of starters.keys()) if (!processes.has(name)) await start(name);
    },
    async kill9(name) {
      await processes.get(name)?.kill9();
    },
    async restart(name) {
      await processes.get(name)?.stop();
      await start(name);
    },
    async stop() {
      stopping = true;
      await Promise.allSettled(starting);
      // Parvis's processes first, then Temporal's services; each group at once (history alone
      // takes seconds to hand its shards back).
      for (const ofTemporal of [false, true]) {
        const group = [...processes].filter(([name]) => name.startsWith('temporal-') === ofTemporal);
        await Promise.all(group.map(([, child]) => child.stop()));
      }
    },
  };
}

import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Worker } from '@temporalio/worker';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';

// The worker's own health for Prometheus (issue 21, point 5), on a port of its own: a worker serves
// no HTTP otherwise, and each worker process is scraped apart (their figures are per process; the
// towns' requests are the API's /metrics). It listens on 127.0.0.1 unless told another address;
// with a token it asks for it (a bearer token), as the API's /metrics does.

export interface WorkerMetricsOptions {
  port: number;
  /** where to listen; by default 127.0.0.1 (this machine only) */
  host?: string;
  /** the bearer token a scraper must send; unset, none (then keep host on loopback) */
  token?: string;
}

/** Serves GET /metrics for this worker; resolves once listening, with its address and a stop. */
export async function serveWorkerMetrics(worker: Worker, options: WorkerMetricsOptions) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'parvis_worker_' });
  const status = () => worker.getStatus();
  new Gauge({
    name: 'parvis_worker_running',
    help: '1 while the worker polls its task queue (run state RUNNING), else 0.',
    registers: [registry],
    collect() {
      this.set(status().runState === 'RUNNING' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'parvis_worker_poller_failed',
    help: '1 when the poller of this kind (workflow, activity) has failed (state FAILED), else 0.',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      const now = status();
      this.set({ kind: 'workflow' }, now.workflowPollerState === 'FAILED' ? 1 : 0);
      this.set({ kind: 'activity' }, now.activityPollerState === 'FAILED' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'parvis_worker_in_flight',
    help: 'Workflow activations and activities this worker is running now.',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      const now = status();
      this.set({ kind: 'workflow_activation' }, now.numInFlightWorkflowActivations);
      this.set({ kind: 'activity' }, now.numInFlightActivities);
    },
  });

  const allowed = (req: IncomingMessage) => {
    if (!options.token) return true;
    const given = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
    const expected = Buffer.from(options.token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/metrics' || !allowed(req)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => res.writeHead(503, { 'content-type': 'text/plain' }).end('Metrics unavailable'),
    );
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host ?? '127.0.0.1', done);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}/metrics`,
    stop: () => new Promise<void>((done) => server.close(() => done())),
  };
}

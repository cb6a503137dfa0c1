import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApiApp, createHttpServer, type ServerOptions } from '@parvis/graphql';
import type { RunningParvis } from './parvis.ts';

/**
 * APIs a test starts with options of their own (limits, buckets) over its running Parvis; each
 * logs to `log`. `start` answers the API's URL; `stop` closes every one.
 */
export function ownApis(parvis: () => RunningParvis, log: (line: string) => void) {
  const servers: Server[] = [];
  return {
    async start(options: ServerOptions): Promise<string> {
      const { sql, temporal } = parvis();
      const app = await createApiApp({ sql, temporal, publicUrl: 'http://parvis.test' }, { log, ...options });
      const server = createHttpServer(app);
      servers.push(server);
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    async stop(): Promise<void> {
      for (const server of servers) await new Promise((done) => server.close(done));
    },
  };
}

import { connect, createServer, type Socket } from 'node:net';

/** A TCP relay between a client and a server whose link a test can cut and restore. */
export interface TcpProxy {
  port: number;
  /**
   * Destroys every open connection and refuses new ones (ECONNREFUSED, the port closed) until
   * `restore()`, as when the server is down.
   */
  cut(): Promise<void>;
  /**
   * Keeps every connection open but passes nothing either way, new ones included, until `thaw()`:
   * a server frozen (SIGSTOP, a full disk, a stalled network), which answers nothing and refuses
   * nothing.
   */
  freeze(): void;
  thaw(): void;
  restore(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let cut = false;
  let frozen = false;
  const links = new Set<{ flow(): void; stop(): void }>();
  const server = createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('error', () => {});
      socket.once('close', () => {
        open.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    const link = {
      flow() {
        client.pipe(upstream);
        upstream.pipe(client);
      },
      stop() {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      },
    };
    links.add(link);
    client.once('close', () => links.delete(link));
    if (!frozen) link.flow();
  });
  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const close = () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of open) socket.destroy();
    return closed;
  };
  await listen(0);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    async cut() {
      cut = true;
      await close();
    },
    freeze() {
      frozen = true;
      for (const link of links) link.stop();
    },
    thaw() {
      frozen = false;
      for (const link of links) link.flow();
    },
    async restore() {
      cut = false;
      await listen(port);
    },
    async stop() {
      if (server.listening) await close();
    },
  };
}

import { createServer } from 'node:net';
import { portHolder } from './processes.ts';

/** A port a start command is about to listen on, and the setting that moves it elsewhere. */
export interface Listener {
  port: number;
  /** What listens there, for the person reading the message: "Temporal", "the API"… */
  what: string;
  /** The environment variable that chooses the port. */
  setting: string;
}

export class PortInUseError extends Error {
  readonly code = 'PORT_IN_USE';
}

/**
 * Fails, naming the port, its setting and (when /proc shows it) the process that holds it, when
 * one of the ports is taken: before anything starts, rather than as a stack trace from whichever
 * server happens to bind it first.
 */
export async function ensurePortsFree(listeners: Listener[]): Promise<void> {
  for (const { port, what, setting } of listeners) {
    if (await canListen(port)) continue;
    const holder = portHolder(port);
    const by = holder ? ` by process ${holder.pid} (${shorten(holder.command)})` : '';
    throw new PortInUseError(
      `port ${port} (${what}, ${setting}) is already in use${by}: stop it, or set ${setting} to a free port.`,
    );
  }
}

/** Listens on every address, IPv4 and IPv6, so that a holder on any of them is found. */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

function shorten(command: string): string {
  return command.length > 100 ? `${command.slice(0, 99)}…` : command;
}

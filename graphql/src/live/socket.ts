import type { IncomingMessage, Server } from 'node:http';
import { createRequire } from 'node:module';
import { parseCookie } from 'cookie';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { CITIZEN_COOKIE, citizenForSession } from '../accounts/sessions.ts';
import { agentForSession, SESSION_COOKIE } from '../agents/sessions.ts';
import type { Database } from '../common/database.ts';
import { queryLimits } from '../common/query-limits.ts';
import type { LiveContext } from './context.ts';
import type { ChangeHub } from './hub.ts';

// graphql's CommonJS build, the one the schema's builder and graphql-ws load: a bundler or test runner
// may hand this file the ES build instead, whose functions refuse a schema made by the other.
const { specifiedRules, validate } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

export interface LiveSocketOptions {
  schema: GraphQLSchema;
  db: Database;
  hub: ChangeHub;
  log: (line: string) => void;
  /** The API's error masking: what a client may read of an error. */
  formatError: (error: GraphQLFormattedError, original: unknown) => GraphQLFormattedError;
}

/**
 * A browser sends its cookies with a WebSocket to this site whichever page opened it: a socket from
 * another site's page (its Origin not this host) is refused, so it cannot listen with a visitor's session.
 */
function sameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/**
 * Subscriptions over graphql-ws on the API's HTTP server, at /graphql like the rest of the API. The
 * socket's user is the one of the session cookies it opened with (agent, citizen, or nobody).
 */
export function serveSubscriptions(server: Server, options: LiveSocketOptions): () => Promise<void> {
  const sockets = new WebSocketServer({ noServer: true });
  server.on('upgrade', (request, socket, head) => {
    if (new URL(request.url ?? '/', 'http://parvis').pathname !== '/graphql') return socket.destroy();
    if (!sameOrigin(request)) {
      options.log(`live: socket refused from origin ${request.headers.origin}`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });
  const sessionsOf = async (request: IncomingMessage) => {
    const cookies = parseCookie(request.headers.cookie ?? '');
    const [agent, citizen] = await Promise.all([
      agentForSession(options.db, cookies[SESSION_COOKIE]),
      citizenForSession(options.db, cookies[CITIZEN_COOKIE]),
    ]);
    return { agent, citizen };
  };
  const cleanup = useServer<Record<string, unknown>, Pick<LiveContext, 'agent' | 'citizen'>>(
    {
      schema: options.schema,
      validate: (schema, document) => validate(schema, document, [...specifiedRules, queryLimits]),
      onConnect: async (ctx) => {
        Object.assign(ctx.extra, await sessionsOf(ctx.extra.request));
      },
      context: (ctx): LiveContext => ({
        db: options.db,
        hub: options.hub,
        log: options.log,
        req: { ip: ctx.extra.request.socket.remoteAddress },
        agent: ctx.extra.agent,
        citizen: ctx.extra.citizen,
        // Signed out or expired since the socket opened: it closes, and the client comes back as who it is now.
        sessionsStillOpen: async () => {
          const now = await sessionsOf(ctx.extra.request);
          const open = now.agent?.id === ctx.extra.agent?.id && now.citizen?.id === ctx.extra.citizen?.id;
          if (!open) ctx.extra.socket.close(4403, 'Session ended');
          return open;
        },
      }),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors
          ? { ...result, errors: result.errors.map((error) => options.formatError(error.toJSON(), error)) }
          : undefined,
      // Errors of the operation itself (unknown field, over the limits), coded as over HTTP.
      onError: (_ctx, _id, _payload, errors) =>
        errors.map((error) => {
          const formatted = error.toJSON();
          const extensions = { code: 'GRAPHQL_VALIDATION_FAILED', ...formatted.extensions };
          return options.formatError({ ...formatted, extensions }, error);
        }),
    },
    sockets,
  );
  return async () => {
    for (const client of sockets.clients) client.terminate();
    await cleanup.dispose();
    await new Promise<void>((done) => sockets.close(() => done()));
  };
}

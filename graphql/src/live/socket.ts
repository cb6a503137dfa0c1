import type { IncomingMessage, Server } from 'node:http';
import { createRequire } from 'node:module';
import { parseCookie } from 'cookie';
import type { DocumentNode, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { Extra } from 'graphql-ws/use/ws';
import { useServer } from 'graphql-ws/use/ws';
import { type WebSocket, WebSocketServer } from 'ws';
import { CITIZEN_COOKIE, citizenForSession } from '../accounts/sessions.ts';
import { agentForSession, SESSION_COOKIE } from '../agents/sessions.ts';
import { clientKey, type RequestSessions, type TokenBuckets } from '../common/client-rate-limit.ts';
import type { ApiContext } from '../common/context.ts';
import { chargeCost } from '../common/cost-rate-limit.ts';
import type { Database } from '../common/database.ts';
import { queryLimits } from '../common/query-limits.ts';
import type { LiveContext } from './context.ts';
import type { ChangeHub } from './hub.ts';
import { httpOnlyFields, socketRequest, socketResponse } from './socket-operations.ts';

// graphql's CommonJS build, the one the schema's builder and graphql-ws load: a bundler or test runner
// may hand this file the ES build instead, whose functions refuse a schema made by the other.
const { GraphQLError, getOperationAST, parse, specifiedRules, validate } = createRequire(import.meta.url)(
  'graphql',
) as typeof import('graphql');

export interface LiveSocketOptions {
  schema: GraphQLSchema;
  db: Database;
  hub: ChangeHub;
  log: (line: string) => void;
  /** The API's error masking: what a client may read of an error. */
  formatError: (error: GraphQLFormattedError, original: unknown) => GraphQLFormattedError;
  /** The client's address as HTTP reads it (Express's `trust proxy`); unset, the socket's peer. */
  clientAddress?: (request: IncomingMessage) => string | undefined;
  /** The API's per-client buckets: opening a socket and each message spend a token; unset, no rate. */
  buckets?: TokenBuckets;
  limits?: LiveLimits;
  /** What a query or mutation works with, as over HTTP (server.ts): for the socket's sessions and upgrade request. */
  operationContext: (sessions: RequestSessions, req: ApiContext['req'], res: ApiContext['res']) => Promise<ApiContext>;
}

export interface LiveLimits {
  /** Sockets one client (person signed in, else address) keeps open at once in this process. */
  socketsPerClient: number;
  /** Subscriptions running at once on one socket. */
  subscriptionsPerSocket: number;
}

/** An inbox, a request or two and a dashboard per tab, a few tabs. */
export const LIVE_LIMITS: LiveLimits = { socketsPerClient: 8, subscriptionsPerSocket: 10 };

/**
 * Closes a socket over a limit, with a reason the client reads (at most 123 bytes). 4429 is graphql-ws's
 * code for too many requests: its client does not reconnect at once.
 */
function closeOverLimit(socket: WebSocket, reason: string): void {
  socket.close(4429, reason);
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
 * graphql-ws on the API's HTTP server, at /graphql like the rest of the API: subscriptions, and
 * queries and mutations as over HTTP (Apollo Client and urql may send every operation on the socket),
 * with the same limits, cost and errors; only the mutations that set a session cookie need HTTP.
 * The socket's user is the one of the session cookies it opened with (agent, citizen, or nobody);
 * once that session has ended, the socket closes at the next operation.
 */
export function serveSubscriptions(server: Server, options: LiveSocketOptions): () => Promise<void> {
  const limits = options.limits ?? LIVE_LIMITS;
  const sockets = new WebSocketServer({ noServer: true });
  const sessionsOf = async (request: IncomingMessage): Promise<RequestSessions> => {
    const cookies = parseCookie(request.headers.cookie ?? '');
    const [agent, citizen] = await Promise.all([
      agentForSession(options.db, cookies[SESSION_COOKIE]),
      citizenForSession(options.db, cookies[CITIZEN_COOKIE]),
    ]);
    return { agent, citizen };
  };
  // Read once at the upgrade, to name the client, and handed to graphql-ws's onConnect.
  const sessionsAtUpgrade = new WeakMap<IncomingMessage, RequestSessions>();
  const openSockets = new Map<string, number>();
  /** Whom each socket's messages are counted for (the rate limit's key). */
  const clientOf = new WeakMap<WebSocket, string>();
  /** Spends a token for the client, or closes the socket saying when to come back. */
  const spend = (client: string, socket: WebSocket): boolean => {
    const taken = options.buckets?.take(client) ?? { ok: true };
    if (taken.ok) return true;
    options.log(`live: ${client} over the rate limit, socket closed`);
    closeOverLimit(
      socket,
      `Trop de messages : réessayez dans ${taken.retryAfterSeconds} s. / Too many messages: retry in ${taken.retryAfterSeconds} s.`,
    );
    return false;
  };
  // Before graphql-ws's own listener: a socket over a limit closes before it serves anything.
  sockets.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    const address = options.clientAddress?.(request) ?? request.socket.remoteAddress;
    const client = clientKey(sessionsAtUpgrade.get(request) ?? {}, address);
    clientOf.set(socket, client);
    const open = (openSockets.get(client) ?? 0) + 1;
    openSockets.set(client, open);
    socket.on('close', () => {
      const left = (openSockets.get(client) ?? 1) - 1;
      if (left > 0) openSockets.set(client, left);
      else openSockets.delete(client);
    });
    if (open > limits.socketsPerClient) {
      options.log(`live: ${client} over ${limits.socketsPerClient} sockets, socket closed`);
      closeOverLimit(
        socket,
        `Trop de connexions ouvertes (${limits.socketsPerClient} au plus). / Too many open sockets (at most ${limits.socketsPerClient}).`,
      );
      return;
    }
    if (!spend(client, socket)) return;
    socket.on('message', () => {
      if (socket.readyState === socket.OPEN) spend(client, socket);
    });
  });
  server.on('upgrade', (request, socket, head) => {
    if (new URL(request.url ?? '/', 'http://parvis').pathname !== '/graphql') return socket.destroy();
    if (!sameOrigin(request)) {
      options.log(`live: socket refused from origin ${request.headers.origin}`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    // The sessions are read before the upgrade: a client gone meanwhile must not crash the process.
    socket.on('error', () => socket.destroy());
    sessionsOf(request)
      .then((sessions) => {
        sessionsAtUpgrade.set(request, sessions);
        sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
      })
      .catch((error: unknown) => {
        options.log(`live: socket refused, sessions unreadable: ${String(error)}`);
        socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      });
  });
  type SocketExtra = Extra & Partial<RequestSessions>;
  // Signed out or expired since the socket opened: it closes, and the client comes back as who it is now.
  const stillOpen = async (extra: SocketExtra) => {
    const now = await sessionsOf(extra.request);
    const open = now.agent?.id === extra.agent?.id && now.citizen?.id === extra.citizen?.id;
    if (!open) extra.socket.close(4403, 'Session ended');
    return open;
  };
  const refusal = (message: string, extensions: Record<string, unknown>) => [new GraphQLError(message, { extensions })];
  const cleanup = useServer<Record<string, unknown>, Partial<RequestSessions>>(
    {
      schema: options.schema,
      onConnect: (ctx) => {
        Object.assign(ctx.extra, sessionsAtUpgrade.get(ctx.extra.request));
      },
      // Parsed, validated (the API's limits), refused or charged here, before anything runs. The
      // operation being started is already counted. A socket closing over a limit starts nothing more.
      onSubscribe: async (ctx, _id, payload) => {
        if (ctx.extra.socket.readyState !== ctx.extra.socket.OPEN) {
          return refusal('Connexion fermée. / Socket closed.', { code: 'RATE_LIMITED' });
        }
        if (Object.keys(ctx.subscriptions).length > limits.subscriptionsPerSocket) {
          const max = limits.subscriptionsPerSocket;
          return refusal(
            `Trop d'abonnements sur cette connexion (${max} au plus) : arrêtez-en un d'abord. / Too many subscriptions on this socket (at most ${max}): stop one first.`,
            { code: 'RATE_LIMITED', subscriptionsPerSocket: max },
          );
        }
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (error) {
          return refusal((error as Error).message, { code: 'GRAPHQL_PARSE_FAILED' });
        }
        const invalid = validate(options.schema, document, [...specifiedRules, queryLimits]);
        // queryLimits may make its errors with the other build of graphql: graphql-ws takes only its own.
        if (invalid.length > 0) return invalid.map((e) => new GraphQLError(e.message, { extensions: e.extensions }));
        const operation = getOperationAST(document, payload.operationName);
        if (operation && operation.operation !== 'subscription') {
          const httpOnly = httpOnlyFields(operation);
          if (httpOnly.length > 0) {
            return refusal(
              `${httpOnly.join(', ')} : à envoyer par HTTP (POST /graphql), qui seul pose ou efface le cookie de session. / ${httpOnly.join(', ')}: send it over HTTP (POST /graphql), which alone sets or clears the session cookie.`,
              { code: 'BAD_REQUEST', fields: httpOnly },
            );
          }
          if (!(await stillOpen(ctx.extra))) {
            return refusal('Session terminée : reconnectez-vous. / Session ended: connect again.', {
              code: 'UNAUTHENTICATED',
            });
          }
          // A costly operation pays for its cost as over HTTP; the message paid one token.
          const client = clientOf.get(ctx.extra.socket);
          const refused =
            client &&
            options.buckets &&
            chargeCost(options.buckets, client, { schema: options.schema, document, operation }, options.log);
          if (refused) {
            // an HTTP status means nothing on a socket: the refusal's code and wait say it
            const { http: _status, ...extensions } = refused.extensions;
            return [new GraphQLError(refused.message, { extensions })];
          }
        }
        return {
          schema: options.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
        };
      },
      // A query or mutation has the HTTP operation's context; a subscription has it too, with the change hub.
      context: async (ctx): Promise<ApiContext & LiveContext> => {
        const { request, agent, citizen } = ctx.extra;
        const address = options.clientAddress?.(request) ?? request.socket.remoteAddress;
        const operation = await options.operationContext(
          { agent, citizen },
          socketRequest(request, address),
          socketResponse(),
        );
        return { ...operation, hub: options.hub, sessionsStillOpen: () => stillOpen(ctx.extra) };
      },
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

import { createServer, type Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { expressMiddleware } from '@as-integrations/express5';
import { makeExecutableSchema } from '@graphql-tools/schema';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import proxyAddr from 'proxy-addr';
import { CITIZEN_COOKIE, citizenForSession } from './accounts/sessions.ts';
import { agentForSession, SESSION_COOKIE } from './agents/sessions.ts';
import {
  type ClientRateLimit,
  clientRateLimit,
  type RequestSessions,
  sessionOrAddress,
  tokenBuckets,
} from './common/client-rate-limit.ts';
import type { ApiContext, ApiDependencies } from './common/context.ts';
import { sealedDatabase } from './common/database.ts';
import { isClientError } from './common/errors.ts';
import { createLoaders } from './common/loaders.ts';
import { createMailer } from './common/mailer.ts';
import { queryLimits } from './common/query-limits.ts';
import { documentRoutes } from './documents/routes.ts';
import { fileRoutes } from './files/routes.ts';
import { smsWebhookRoutes } from './intake/sms-webhook.ts';
import { listenForChanges } from './live/hub.ts';
import { liveResolvers, liveTypeDefs } from './live/schema.ts';
import { type LiveLimits, serveSubscriptions } from './live/socket.ts';
import { open311Routes } from './open311/routes.ts';
import { resolvers, typeDefs } from './schema.ts';

export interface ServerOptions {
  /** Static files of the portal, served at `/`. */
  portalDir?: string;
  /** Development mailbox (the SMTP sink), shown at `/dev/mailbox`. */
  mailbox?: () => unknown[];
  log?: (line: string) => void;
  /** Requests per client on the API's routes (token bucket); unset, no limit. */
  rateLimit?: ClientRateLimit;
  /** Sockets per client and subscriptions per socket; unset, LIVE_LIMITS. */
  liveLimits?: LiveLimits;
  /** Express's `trust proxy`: the proxies whose X-Forwarded-For names the client; unset, none. */
  trustProxy?: string | number | boolean;
  /** The secret the SMS gateway signs its calls to /intake/sms with; unset, they are refused. */
  smsWebhookSecret?: string;
}

/** Subscriptions to serve beside an app, once its HTTP server exists (createHttpServer). */
const liveOf = new WeakMap<Express, (server: Server) => () => Promise<void>>();

/** Express app: GraphQL at /graphql, the portal at /, and in development the mailbox. */
export async function createApiApp(deps: ApiDependencies, options: ServerOptions = {}): Promise<Express> {
  const log = options.log ?? ((line: string) => console.error(line));
  // No internal detail reaches a client: unexpected errors are logged and answered generically.
  const formatError = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // Apollo files every validation error under GRAPHQL_VALIDATION_FAILED; a query limit keeps its own code.
    const code = String(formatted.extensions?.limit ?? formatted.extensions?.code ?? '');
    if (isClientError(code)) return { ...formatted, extensions: { ...formatted.extensions, code } };
    log(`graphql: ${String(unwrapResolverError(error))}`);
    return { message: 'Erreur interne. / Internal error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
  // One schema for HTTP (Apollo) and for subscriptions (graphql-ws).
  const schema = makeExecutableSchema({
    typeDefs: [...typeDefs, liveTypeDefs],
    resolvers: [...resolvers, liveResolvers],
  });
  const apollo = new ApolloServer<ApiContext>({
    schema,
    introspection: process.env.NODE_ENV !== 'production',
    validationRules: [queryLimits],
    includeStacktraceInErrorResponses: false,
    formatError,
    // The start commands stop the API with everything else (scripts/src/lifecycle.ts). Apollo's own
    // handler re-raised SIGINT or SIGTERM once it had stopped, killing the process mid-stop.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  const db = sealedDatabase(deps.sql);
  const mailer = createMailer(deps.smtpUrl, log);
  const app = express();
  // One bucket per client for HTTP and for the subscriptions' sockets alike.
  const buckets = options.rateLimit ? tokenBuckets(options.rateLimit) : undefined;
  liveOf.set(app, (server) => {
    const hub = listenForChanges(deps.sql, log);
    const closeSockets = serveSubscriptions(server, {
      schema,
      db,
      hub,
      log,
      formatError,
      buckets,
      limits: options.liveLimits,
      clientAddress: (request) => proxyAddr(request, app.get('trust proxy fn')),
    });
    return async () => {
      await closeSockets();
      await hub.stop();
    };
  });
  app.disable('x-powered-by');
  if (options.trustProxy !== undefined) app.set('trust proxy', options.trustProxy);
  app.use(cookieParser());
  if (buckets) {
    app.use(
      ['/graphql', '/documents', '/files', '/open311', '/intake'],
      clientRateLimit(buckets, sessionOrAddress(db), log),
    );
  }
  app.use('/intake/sms', smsWebhookRoutes(db, deps.temporal, options.smsWebhookSecret, log));
  app.use('/documents', documentRoutes(db, deps.publicUrl, log));
  app.use('/files', fileRoutes(db, log));
  app.use('/open311/v2', open311Routes(db, deps.temporal, log));
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<ApiContext> => ({
        db,
        temporal: deps.temporal,
        publicUrl: deps.publicUrl,
        loaders: createLoaders(db),
        mailer,
        log,
        req,
        res,
        // The rate limit, when on, has read the sessions already.
        agent:
          (res.locals.sessions as RequestSessions | undefined)?.agent ??
          (await agentForSession(db, req.cookies?.[SESSION_COOKIE])),
        citizen:
          (res.locals.sessions as RequestSessions | undefined)?.citizen ??
          (await citizenForSession(db, req.cookies?.[CITIZEN_COOKIE])),
      }),
    }),
  );
  if (options.mailbox) {
    const mailbox = options.mailbox;
    app.get('/dev/mailbox', (_req, res) => {
      res.json(mailbox());
    });
  }
  if (options.portalDir) {
    const portalDir = options.portalDir;
    app.use(express.static(portalDir));
    // History fallback: a portal URL (a GET, not the API, no file extension) gets the app's index.html.
    app.use((req, res, next) => {
      if (
        (req.method !== 'GET' && req.method !== 'HEAD') ||
        req.path.startsWith('/graphql') ||
        /\.[^/]*$/.test(req.path)
      )
        return next();
      res.sendFile('index.html', { root: portalDir });
    });
  }
  return app;
}

/**
 * The HTTP server for the app. Node closes idle keep-alive connections after 5 s, while clients and
 * load balancers reuse them for up to a minute: a request sent on a socket the server is closing
 * fails with ECONNRESET. Idle connections stay open longer than the clients keep them. An app made
 * by createApiApp also gets its subscriptions here (graphql-ws on /graphql, one LISTEN connection).
 */
export function createHttpServer(app: Express): Server {
  const server = createServer(app);
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const stopLive = liveOf.get(app)?.(server);
  if (stopLive) {
    // Open sockets would keep `close` waiting forever: they and the LISTEN connection end first.
    const close = server.close.bind(server);
    server.close = (done?: (error?: Error) => void) => {
      stopLive().then(
        () => close(done),
        () => close(done),
      );
      return server;
    };
  }
  return server;
}

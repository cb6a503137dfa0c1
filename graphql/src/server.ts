import { createServer, type Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { expressMiddleware } from '@as-integrations/express5';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { defaultTown } from '@parvis/workers/messages';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import proxyAddr from 'proxy-addr';
import { CITIZEN_COOKIE, citizenForSession } from './accounts/sessions.ts';
import { agentForSession, SESSION_COOKIE } from './agents/sessions.ts';
import { auditExportRoutes } from './audit/export-route.ts';
import {
  type ClientRateLimit,
  clientRateLimit,
  type RequestSessions,
  sessionOrAddress,
  tokenBuckets,
} from './common/client-rate-limit.ts';
import type { ApiContext, ApiDependencies } from './common/context.ts';
import { costRateLimit } from './common/cost-rate-limit.ts';
import { sealedDatabase } from './common/database.ts';
import { isClientError } from './common/errors.ts';
import { jsonErrors, notFound } from './common/http-errors.ts';
import { createLoaders } from './common/loaders.ts';
import { isDirectLocal } from './common/loopback.ts';
import { createMailer } from './common/mailer.ts';
import { portalPages } from './common/portal-pages.ts';
import { queryLimits } from './common/query-limits.ts';
import { securityHeaders } from './common/security-headers.ts';
import { answerUnavailable, isDatabaseUnavailable, serviceUnavailable } from './common/unavailable.ts';
import { conversationFileRoutes } from './conversation/upload-route.ts';
import { documentPreviewRoutes } from './documents/preview-route.ts';
import { documentRoutes } from './documents/routes.ts';
import { fileRoutes } from './files/routes.ts';
import { smsWebhookRoutes } from './intake/sms-webhook.ts';
import { listenForChanges } from './live/hub.ts';
import { liveResolvers, liveTypeDefs } from './live/schema.ts';
import { type LiveLimits, serveSubscriptions } from './live/socket.ts';
import { messageWebhookRoutes } from './messages/webhook.ts';
import { metricsRoutes } from './metrics/prometheus/route.ts';
import { type MapServers, mapServersFromEnv } from './municipalities/map-servers.ts';
import { signInRoutes } from './oidc/routes.ts';
import { open311NotFound, open311RateLimitAnswer } from './open311/errors.ts';
import { open311Routes } from './open311/routes.ts';
import { paymentRoutes } from './payments/routes.ts';
import { privacyRoutes } from './privacy/routes.ts';
import { requestExportRoutes } from './requests/export/export-routes.ts';
import { resolvers, typeDefs } from './schema.ts';
import { isTownDisabled, townDisabled } from './towns/disabled.ts';
import { requestTownUrl, townPortal } from './towns/request-town.ts';
import { townDirectory } from './towns/town-page.ts';

export interface ServerOptions {
  /** Static files of the portal, served at `/`. */
  portalDir?: string;
  /**
   * Development mailbox (the SMTP sink), shown at `/dev/mailbox` to clients on this machine only,
   * and never when NODE_ENV is production: it holds sign-in links.
   */
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
  /** Milliseconds a unit of work waits for PostgreSQL before the client gets 503; unset, DATABASE_WAIT_MS. */
  databaseWaitMs?: number;
  /** Tests of features other than sign-in only: administrators may sign in without TOTP. */
  administratorsWithoutTotp?: boolean;
  /** The map tile and address servers; unset, those the environment names, else the Géoplateforme's. */
  mapServers?: MapServers;
  /** The town of a host name no town claims; unset, PARVIS_DEFAULT_TOWN, else `demo`; '' for none. */
  defaultTown?: string;
  /** The bearer token Prometheus sends to /metrics; unset, only clients on this machine read it (metrics/prometheus/access.ts). */
  metricsToken?: string;
}

/** The largest JSON body /graphql takes: a procedure's BPMN and forms travel in one. */
export const MAX_JSON_BYTES = 5 * 1024 * 1024;
/** The addresses of the API, each client's rate limit counting on them. */
const API_PREFIXES = ['/graphql', '/documents', '/files', '/exports', '/open311', '/intake', '/webhooks', '/payments'];

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
    const cause = unwrapResolverError(error);
    if (isTownDisabled(cause)) return townDisabled();
    if (isDatabaseUnavailable(cause)) {
      log(`graphql: database unavailable (${String((cause as { code?: unknown }).code)})`);
      const { message, extensions } = serviceUnavailable();
      return { message, extensions: { code: extensions.code, retryAfterSeconds: extensions.retryAfterSeconds } };
    }
    log(`graphql: ${String(cause)}`);
    return { message: 'Erreur interne. / Internal error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
  // One schema for HTTP (Apollo) and for subscriptions (graphql-ws).
  const schema = makeExecutableSchema({
    typeDefs: [...typeDefs, liveTypeDefs],
    resolvers: [...resolvers, liveResolvers],
  });
  const mailer = createMailer(deps.smtpUrl, log);
  // One bucket per client for HTTP and for the subscriptions' sockets alike.
  const buckets = options.rateLimit ? tokenBuckets(options.rateLimit) : undefined;
  const apollo = new ApolloServer<ApiContext>({
    schema,
    introspection: process.env.NODE_ENV !== 'production',
    validationRules: [queryLimits],
    plugins: [...(buckets ? [costRateLimit(buckets, log)] : []), answerUnavailable],
    includeStacktraceInErrorResponses: false,
    formatError,
    // The start commands stop the API with everything else (scripts/src/lifecycle.ts). Apollo's own
    // handler re-raised SIGINT or SIGTERM once it had stopped, killing the process mid-stop.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  const db = sealedDatabase(deps.sql, options.databaseWaitMs);
  const towns = townDirectory(
    db,
    deps.publicUrl,
    options.defaultTown !== undefined ? options.defaultTown || undefined : defaultTown(process.env),
  );
  const maps = options.mapServers ?? mapServersFromEnv(process.env);
  // What one operation works with, over HTTP or over the socket (live/socket.ts): the same services, fresh loaders.
  const operationContext = async (
    { agent, citizen }: RequestSessions,
    req: ApiContext['req'],
    res: ApiContext['res'],
  ): Promise<ApiContext> => ({
    db,
    temporal: deps.temporal,
    // Links in the API's mails lead to the portal of the town the request came from.
    publicUrl: await requestTownUrl(towns, deps.publicUrl, req),
    towns,
    loaders: createLoaders(db),
    mailer,
    log,
    req,
    res,
    agent,
    citizen,
    administratorsWithoutTotp: options.administratorsWithoutTotp,
    maps,
  });
  const app = express();
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
      operationContext,
    });
    return async () => {
      await closeSockets();
      await hub.stop();
    };
  });
  app.disable('x-powered-by');
  if (options.trustProxy !== undefined) app.set('trust proxy', options.trustProxy);
  else if (deps.publicUrl.startsWith('https:')) {
    log(
      `PUBLIC_URL is https but TRUST_PROXY is unset: behind a TLS proxy, set TRUST_PROXY to its address so that clients' addresses (rate limits, sign-in throttling) are read from X-Forwarded-For.`,
    );
  }
  app.use(securityHeaders(deps.publicUrl));
  app.use(cookieParser());
  if (buckets) {
    app.use(API_PREFIXES, clientRateLimit(buckets, sessionOrAddress(db), log, [open311RateLimitAnswer]));
  }
  app.use('/intake/sms', smsWebhookRoutes(db, deps.temporal, options.smsWebhookSecret, log));
  app.use('/webhooks/messages', messageWebhookRoutes(db, deps.temporal, log));
  const portalOf = townPortal(towns, deps.publicUrl);
  app.use('/payments', paymentRoutes(deps.temporal, portalOf, log));
  app.use('/documents', documentRoutes(db, portalOf, log));
  app.use('/documents', documentPreviewRoutes(db, deps.temporal, portalOf, log));
  app.use('/files', fileRoutes(db, log));
  app.use('/files', conversationFileRoutes(db, log));
  app.use('/exports', requestExportRoutes(db, log));
  app.use('/exports', auditExportRoutes(db, log));
  app.use('/exports', privacyRoutes(db, log));
  app.use('/auth', signInRoutes(db, log));
  app.use('/metrics', metricsRoutes(db, deps.temporal, options.metricsToken, log));
  app.use('/open311/v2', open311Routes(db, deps.temporal, towns, deps.publicUrl, log));
  app.use('/open311', open311NotFound);
  app.use(
    '/graphql',
    express.json({ limit: MAX_JSON_BYTES }),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<ApiContext> => {
        // The rate limit, when on, has read the sessions already.
        const read = res.locals.sessions as RequestSessions | undefined;
        const [agent, citizen] = await Promise.all([
          read?.agent ?? agentForSession(db, req.cookies?.[SESSION_COOKIE]),
          read?.citizen ?? citizenForSession(db, req.cookies?.[CITIZEN_COOKIE]),
        ]).catch((error: unknown) => {
          throw isDatabaseUnavailable(error) ? serviceUnavailable() : error;
        });
        return operationContext({ agent, citizen }, req, res);
      },
    }),
  );
  if (options.mailbox && process.env.NODE_ENV !== 'production') {
    const mailbox = options.mailbox;
    app.get('/dev/mailbox', (req, res) => {
      // Only a browser on this machine, not through a proxy: the mailbox holds sign-in links.
      if (!isDirectLocal(req)) {
        return notFound(req, res, () => {});
      }
      res.json(mailbox());
    });
  }
  // A request under any other prefix goes to the portal.
  app.use([...API_PREFIXES, '/dev'], notFound);
  if (options.portalDir) app.use(portalPages(options.portalDir, towns, maps, db));
  app.use(jsonErrors(log));
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

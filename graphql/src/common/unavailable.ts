import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/** How long a client is told to wait when PostgreSQL is away (Retry-After, in seconds). */
export const RETRY_AFTER_SECONDS = 5;

/** Error codes of postgres.js (and of sealedDatabase's wait) for a connection that could not be made, was lost or did not answer. */
const CONNECTION_CODES = new Set([
  'CONNECT_TIMEOUT',
  'DATABASE_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

/**
 * Whether an error says PostgreSQL is away rather than that the work is wrong: no connection, a
 * lost one, a server shutting down or starting (SQLSTATE 08…, 57P01–57P03), too many clients
 * (53300), or a statement cancelled by its timeout (57014).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && typeof cause === 'object' && depth < 5; depth++) {
    const code = String((cause as { code?: unknown }).code ?? '');
    if (
      CONNECTION_CODES.has(code) ||
      code.startsWith('08') ||
      /^57P0[123]$/.test(code) ||
      code === '53300' ||
      code === '57014'
    )
      return true;
    cause =
      (cause as { cause?: unknown; originalError?: unknown }).originalError ?? (cause as { cause?: unknown }).cause;
  }
  return false;
}

/** The words a client reads while PostgreSQL is away. */
export const UNAVAILABLE_MESSAGE = `Service momentanément indisponible : réessayez dans ${RETRY_AFTER_SECONDS} s. / Service temporarily unavailable: try again in ${RETRY_AFTER_SECONDS} s.`;

/** A GraphQL error that answers 503 with Retry-After. */
export function serviceUnavailable(): GraphQLError {
  return new GraphQLError(UNAVAILABLE_MESSAGE, {
    extensions: {
      code: 'SERVICE_UNAVAILABLE',
      retryAfterSeconds: RETRY_AFTER_SECONDS,
      http: { status: 503, headers: new Map([['retry-after', String(RETRY_AFTER_SECONDS)]]) },
    },
  });
}

/**
 * Answers 503 with Retry-After to an operation that failed because PostgreSQL is away (the server's
 * formatError gave it the code SERVICE_UNAVAILABLE), instead of 200 with an error inside.
 */
export const answerUnavailable: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const errors = response.body.singleResult.errors ?? [];
        if (!errors.some((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE')) return;
        response.http.status = 503;
        response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
      },
    };
  },
};

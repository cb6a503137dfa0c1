import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { GraphQLError } from 'graphql';
import { isTownDisabled, townDisabled } from '../towns/disabled.ts';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGE } from './unavailable.ts';

/** Answers an error in the API's shape (GraphQL's): `{ errors: [{ message, extensions: { code } }] }`. */
export function sendError(
  res: Response,
  status: number,
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...extensions } }] });
}

/** The HTTP status of each refusal a route may pass on from the API's checks. */
const STATUS_OF_REFUSAL: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
};

/**
 * Answers a refusal (a GraphQLError with one of the codes above) as the GraphQL API would, its
 * field named; false when `error` is no such refusal, for the route to handle it.
 */
export function sendRefusal(res: Response, error: unknown): boolean {
  const code = error instanceof GraphQLError ? String(error.extensions.code) : '';
  const status = STATUS_OF_REFUSAL[code];
  if (!status) return false;
  const { field } = (error as GraphQLError).extensions;
  sendError(res, status, code, (error as GraphQLError).message, field ? { field } : {});
  return true;
}

function sendUnavailable(res: Response): void {
  res.set('Retry-After', String(RETRY_AFTER_SECONDS));
  sendError(res, 503, 'SERVICE_UNAVAILABLE', UNAVAILABLE_MESSAGE, { retryAfterSeconds: RETRY_AFTER_SECONDS });
}

/** Answers any path under the API's prefixes that no route took. */
export const notFound: RequestHandler = (req, res) =>
  sendError(
    res,
    404,
    'NOT_FOUND',
    `Adresse inconnue : ${req.method} ${req.originalUrl.split('?')[0]}. / Unknown address.`,
  );

interface HttpError {
  status?: number;
  type?: string;
  limit?: number;
}

/**
 * The last handler: every error that reaches Express is answered in JSON with a code and words,
 * never with a stack or a path of the server. Only unexpected ones are logged, without the request's
 * body (it may hold personal data).
 */
export function jsonErrors(log: (line: string) => void): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (res.headersSent) {
      // A late failure of a request already answered: nothing more to say.
      if (!res.writableEnded) res.end();
      return;
    }
    const { status, type, limit } = (error ?? {}) as HttpError;
    if (type === 'entity.too.large') {
      const megabytes = Math.round((limit ?? 0) / 1024 / 1024);
      return sendError(
        res,
        413,
        'PAYLOAD_TOO_LARGE',
        `Requête trop volumineuse (${megabytes} Mo au plus). / Request too large (at most ${megabytes} MB).`,
        { maxBytes: limit },
      );
    }
    if (type === 'entity.parse.failed') {
      return sendError(res, 400, 'BAD_REQUEST', 'Corps JSON mal formé. / Malformed JSON body.');
    }
    if (error instanceof URIError || (status && status >= 400 && status < 500)) {
      return sendError(res, status ?? 400, 'BAD_REQUEST', 'Requête mal formée. / Malformed request.');
    }
    if (isTownDisabled(error)) {
      const { message } = townDisabled();
      return sendError(res, 403, 'TOWN_DISABLED', message);
    }
    if (isDatabaseUnavailable(error)) {
      log(`api: ${req.method} ${req.path}: database unavailable (${String((error as { code?: unknown }).code)})`);
      return sendUnavailable(res);
    }
    log(`api: ${req.method} ${req.path}: ${String(error)}`);
    sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Erreur interne. / Internal error.');
  };
}

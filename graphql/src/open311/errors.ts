import type { Request, Response } from 'express';
import type { GraphQLError } from 'graphql';
import { answer, type Format } from './format.ts';

/** A refusal in GeoReport's terms: the HTTP status (also the error's `code`) and what was wrong. */
export class Open311Error extends Error {
  constructor(
    readonly status: number,
    description: string,
  ) {
    super(description);
  }
}

/** The format a path names (`.xml`), JSON otherwise: errors come in it too. */
export const formatOfPath = (path: string): Format => (/\.xml$/i.test(path.split('?')[0] ?? '') ? 'xml' : 'json');

/** Lets browser apps on other sites read and post (no cookie is read: the api_key says who posts). */
export function allowBrowserApps(res: Response): void {
  res.set({
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type',
    'Access-Control-Max-Age': '86400',
    'Cross-Origin-Resource-Policy': 'cross-origin',
  });
}

/** The API's rate limit refusing an Open311 client: the spec's error, in the format its path names. */
export function open311RateLimitAnswer(req: Request, res: Response, message: string): boolean {
  if (!req.originalUrl.startsWith('/open311/')) return false;
  allowBrowserApps(res);
  answerError(res, formatOfPath(req.originalUrl), 429, message);
  return true;
}

/** Any other path under /open311 (another version, a typo): the spec's 404. */
export function open311NotFound(req: Request, res: Response): void {
  allowBrowserApps(res);
  answerError(
    res,
    formatOfPath(req.originalUrl),
    404,
    'Adresse inconnue : GeoReport v2 est servi sous /open311/v2/<commune>/. / Unknown path: GeoReport v2 is served under /open311/v2/<town>/.',
  );
}

/** The spec's error list, `[{ code, description }]` (`<errors><error>…` in XML), with its status. */
export function answerError(res: Response, format: Format, status: number, description: string): void {
  answer(res, format, 'errors', [{ code: status, description }], status);
}

const STATUS_OF: Record<string, number> = {
  NOT_FOUND: 404,
  FORM_INVALID: 400,
  BAD_USER_INPUT: 400,
  CHANNEL_NOT_ALLOWED: 403,
};

type Message = string | { fr: string; en: string };
const words = (message: Message) => (typeof message === 'string' ? message : `${message.fr} / ${message.en}`);

/** The API's refusal of a report (a form's errors, a closed channel) as an Open311Error; anything else is rethrown. */
export function open311ErrorOf(error: unknown, fieldName: (field: string) => string): Open311Error {
  const code = String((error as GraphQLError).extensions?.code ?? '');
  const status = STATUS_OF[code];
  if (!status) throw error;
  const fields = (error as GraphQLError).extensions?.fields as { field: string; message: Message }[] | undefined;
  const detail = fields?.map((f) => `${fieldName(f.field)}: ${words(f.message)}`).join('; ');
  return new Open311Error(status, detail ? `${(error as Error).message} ${detail}` : (error as Error).message);
}

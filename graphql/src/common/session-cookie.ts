import type { CookieOptions } from 'express';
import type { ApiContext } from './context.ts';

/**
 * How a session cookie is set: HTTP-only, same-site, until the session expires, and Secure when
 * the request came over HTTPS or the portal's public address is HTTPS — behind a TLS proxy that
 * TRUST_PROXY does not name, the request itself looks like plain HTTP.
 */
export function sessionCookie(ctx: Pick<ApiContext, 'req' | 'publicUrl'>, expires: Date): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.req.secure || ctx.publicUrl.startsWith('https:'),
    expires,
    path: '/',
  };
}

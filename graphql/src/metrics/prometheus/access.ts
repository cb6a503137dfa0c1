import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { isDirectLocal } from '../../common/loopback.ts';

// Who may read /metrics. Its figures name no one, but they tell the towns' volumes and the API's
// internals, which are no one else's business. With PARVIS_METRICS_TOKEN set, a scraper sends it
// as a bearer token (Prometheus: `authorization: { credentials_file: … }`), from anywhere. Without
// it, only a client on this machine, connecting directly: the socket's own address, not
// X-Forwarded-For, and no proxy in between (a proxy on this machine forwarding the public's
// requests would otherwise lend them its loopback address).

/** Whether this request may read the metrics. */
export function mayReadMetrics(req: Pick<Request, 'headers' | 'socket'>, token: string | undefined): boolean {
  if (token) {
    const sent = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const expected = Buffer.from(token);
    const given = Buffer.from(sent);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
  return isDirectLocal(req);
}

import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { CITIZEN_COOKIE, citizenForSession } from '../accounts/sessions.ts';
import { agentForSession, SESSION_COOKIE } from '../agents/sessions.ts';
import type { SignedInAgent, SignedInCitizen } from './context.ts';
import type { Database } from './database.ts';

/** A token bucket per client: `burst` requests at once, then `perSecond` on average. */
export interface ClientRateLimit {
  burst: number;
  perSecond: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets kept before the full ones (clients quiet long enough) are dropped. */
const SWEEP_ABOVE = 50_000;

export type TokenBuckets = ReturnType<typeof tokenBuckets>;

/**
 * One token bucket per key: `take` spends tokens (one unless told; never more than a full bucket),
 * or says in how many seconds they will be there.
 */
export function tokenBuckets(limit: ClientRateLimit, now: () => number = Date.now) {
  const buckets = new Map<string, Bucket>();
  const refill = (bucket: Bucket, t: number) =>
    Math.min(limit.burst, bucket.tokens + ((t - bucket.at) / 1000) * limit.perSecond);
  return {
    take(key: string, count = 1): { ok: true } | { ok: false; retryAfterSeconds: number } {
      const wanted = Math.min(count, limit.burst);
      const t = now();
      if (buckets.size > SWEEP_ABOVE) {
        for (const [k, bucket] of buckets) if (refill(bucket, t) >= limit.burst) buckets.delete(k);
      }
      const bucket = buckets.get(key) ?? { tokens: limit.burst, at: t };
      bucket.tokens = refill(bucket, t);
      bucket.at = t;
      buckets.set(key, bucket);
      if (bucket.tokens >= wanted) {
        bucket.tokens -= wanted;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((wanted - bucket.tokens) / limit.perSecond)) };
    },
  };
}

/**
 * Takes one token from the client's bucket for each request; an empty bucket answers 429 with
 * Retry-After and a GraphQL-shaped error (`RATE_LIMITED`), before any work is done. `clientOf` names
 * the client: the signed-in person, else the address (behind a proxy, as Express's `trust proxy`
 * setting reads it). Buckets live in this process: behind a load balancer each API process counts
 * its own share. The subscriptions' sockets spend from the same buckets (live/socket.ts).
 */
export function clientRateLimit(
  buckets: TokenBuckets,
  clientOf: (req: Request, res: Response) => Promise<string>,
  log: (line: string) => void,
  /** Protocols that answer in their own shape (Open311's error list): each says whether it answered. */
  answers: ((req: Request, res: Response, message: string) => boolean)[] = [],
): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    clientOf(req, res)
      .then((client) => {
        res.locals.client = client;
        const taken = buckets.take(client);
        if (taken.ok) return next();
        const { retryAfterSeconds } = taken;
        log(`rate limit: ${client} refused on ${req.method} ${req.path}, retry after ${retryAfterSeconds} s`);
        const message = `Trop de requêtes : réessayez dans ${retryAfterSeconds} s. / Too many requests: try again in ${retryAfterSeconds} s.`;
        res.status(429).set('Retry-After', String(retryAfterSeconds));
        if (answers.some((answer) => answer(req, res, message))) return;
        res.json({ errors: [{ message, extensions: { code: 'RATE_LIMITED', retryAfterSeconds } }] });
      })
      .catch(next);
  };
}

/** The sessions a request carries, read once by the rate limit and reused by the GraphQL context. */
export interface RequestSessions {
  agent?: SignedInAgent;
  citizen?: SignedInCitizen;
}

/**
 * Names the client a request counts for: the signed-in agent or citizen (a session checked in the
 * database, so an invented cookie counts as its address), else the client's address.
 */
export function sessionOrAddress(db: Database) {
  return async (req: Request, res: Response): Promise<string> => {
    const [agent, citizen] = await Promise.all([
      agentForSession(db, req.cookies?.[SESSION_COOKIE]),
      citizenForSession(db, req.cookies?.[CITIZEN_COOKIE]),
    ]);
    res.locals.sessions = { agent, citizen } satisfies RequestSessions;
    return clientKey({ agent, citizen }, req.ip);
  };
}

/** The key a client's bucket is kept under: its person when signed in, else its address. */
export function clientKey(sessions: RequestSessions, address: string | undefined): string {
  const { agent, citizen } = sessions;
  return agent ? `agent:${agent.id}` : citizen ? `citizen:${citizen.id}` : `address:${address}`;
}

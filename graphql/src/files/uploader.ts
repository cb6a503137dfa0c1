import type { Request, Response } from 'express';
import { clientKey, type RequestSessions, sessionOrAddress } from '../common/client-rate-limit.ts';
import type { Database } from '../common/database.ts';

/**
 * The client an upload counts for, named as the rate limit names it: the signed-in person, else the
 * address. The rate limit, when on, has read the sessions already.
 */
export function uploaderOf(db: Database, req: Request, res: Response): Promise<string> {
  const sessions = res.locals.sessions as RequestSessions | undefined;
  return sessions ? Promise.resolve(clientKey(sessions, req.ip)) : sessionOrAddress(db)(req, res);
}

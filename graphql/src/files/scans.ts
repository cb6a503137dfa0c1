import type { Request } from 'express';
import { agentForSession, SESSION_COOKIE } from '../agents/sessions.ts';
import type { Database } from '../common/database.ts';
import { CASEWORKERS, hasRole } from '../common/roles.ts';

/**
 * Scans an agent attaches when registering a letter, a fax or papers brought to the counter: sent
 * to the form upload route as this pseudo-field (no form field can be named so), then attached to
 * the request by registerRequest's `scans`.
 */
export const SCANS_FIELD = '$scans';

/** What a scan may be: a PDF or a picture. */
export const SCAN_TYPES = '.pdf,image/*';

/** Whether the upload comes from a signed-in agent of this town who works on requests: only they send scans. */
export async function maySendScans(db: Database, req: Request, municipalityId: string): Promise<boolean> {
  const agent = await agentForSession(db, req.cookies?.[SESSION_COOKIE]);
  return !!agent && agent.municipalityId === municipalityId && hasRole(agent, ...CASEWORKERS);
}

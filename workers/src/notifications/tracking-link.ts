import { randomBytes } from 'node:crypto';
import { TRACKING_LINK_DAYS, trackingLinkUrl } from '@parvis/engine';
import type { Sql } from 'postgres';

/**
 * A link that opens the request's tracking page without the e-mail, for TRACKING_LINK_DAYS days,
 * for a mail to its citizen. Only the token's hash is stored (scripts/migrations/100-conversation.sql).
 */
export async function issueTrackingLink(
  sql: Sql,
  publicUrl: string,
  request: { id: string; trackingCode: string },
): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await sql`select parvis_issue_tracking_link(${token}, ${request.id}::uuid, ${TRACKING_LINK_DAYS}::integer)`;
  return trackingLinkUrl(publicUrl, request.trackingCode, token);
}

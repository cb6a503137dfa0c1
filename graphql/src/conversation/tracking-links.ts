import { randomBytes } from 'node:crypto';
import { TRACKING_LINK_DAYS, trackingLinkUrl } from '@parvis/engine';
import type { ApiContext } from '../common/context.ts';
import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import type { RequestRow } from '../requests/repository.ts';

/**
 * A link for a mail to the request's citizen that opens their tracking page without the e-mail, for
 * TRACKING_LINK_DAYS days. Only the token's hash is kept (the workers issue theirs the same way:
 * scripts/migrations/100-conversation.sql). Signed-in citizens may use it too: it asks for nothing.
 */
export async function issueTrackingLink(db: Db, publicUrl: string, request: RequestRow): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await db`select parvis_issue_tracking_link(${token}, ${request.id}::uuid, ${TRACKING_LINK_DAYS}::integer)`;
  return trackingLinkUrl(publicUrl, request.tracking_code, token);
}

/**
 * The request a tracking link opens: its code and the e-mail it was filed with, which the tracking
 * page then uses as if the citizen had typed it. Expired or unknown: LINK_INVALID, in words.
 */
export async function openTrackingLink(ctx: ApiContext, token: string) {
  const [target] = await ctx.db.outside(
    (tx) => tx<{ tracking_code: string; email: string | null }[]>`
      select tracking_code, email from parvis_open_tracking_link(${token})`,
  );
  if (!target?.email) {
    ctx.log(`tracking link: unknown or expired token (client ${ctx.req.ip ?? 'unknown'})`);
    throw userError(
      'LINK_INVALID',
      `Ce lien a expiré (il est valable ${TRACKING_LINK_DAYS} jours) ou n'est pas complet : saisissez votre numéro de suivi et votre adresse e-mail. / This link has expired (it works for ${TRACKING_LINK_DAYS} days) or is incomplete: type your tracking code and e-mail address.`,
    );
  }
  return { trackingCode: target.tracking_code, email: target.email };
}

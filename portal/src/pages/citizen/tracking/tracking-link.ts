import type { RouteLocationNormalizedLoaded, Router } from 'vue-router';
import { TRACKING_LINK } from '../../../components/conversation/conversation-graphql.ts';
import { ApiError, useGraphql } from '../../../composables/useGraphql.ts';

/**
 * The request a tracking link opens (`/suivi/<code>?lien=<token>`, mailed to the citizen, 30 days):
 * its code and the e-mail, as if typed. The token leaves the address at once, so it is neither
 * bookmarked nor shown; a link expired or cut short is told in words, and the form stays.
 */
export async function openTrackingLink(
  route: RouteLocationNormalizedLoaded,
  router: Router,
  refused: (error: ApiError) => void,
): Promise<{ code: string; email: string } | undefined> {
  const token = typeof route.query.lien === 'string' ? route.query.lien : undefined;
  if (!token) return undefined;
  await router.replace({ query: { ...route.query, lien: undefined } });
  try {
    const { trackingLink } = await useGraphql().request(TRACKING_LINK, { token });
    return { code: trackingLink.trackingCode, email: trackingLink.email };
  } catch (caught) {
    refused(caught instanceof ApiError ? caught : new ApiError('INTERNAL_SERVER_ERROR', String(caught)));
    return undefined;
  }
}

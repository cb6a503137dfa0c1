import type { ApiContext, SignedInAgent } from '../common/context.ts';
import { mayReadRequest } from '../requests/access.ts';
import { findTrackedRequest } from '../requests/find.ts';
import type { RequestRow } from '../requests/repository.ts';

/** Who reads a request's conversation: an agent of the town hall, or its citizen. */
export type Reader = { side: 'townHall'; id: string; agent: SignedInAgent } | { side: 'citizen'; id: 'citizen' };

/**
 * The reader of a request already found for them (request(trackingCode…), myRequests, a task): an
 * agent the request concerns (requests/access.ts) reads as the town hall; anyone else reached it as
 * its citizen (signed in, by the e-mail, or by a tracking link), as findTrackedRequest decides.
 */
export async function readerOf(ctx: ApiContext, request: RequestRow): Promise<Reader> {
  const agent = ctx.agent;
  if (agent && (await ctx.db.within(request.municipality_id, (tx) => mayReadRequest(tx, agent, request))))
    return { side: 'townHall', id: agent.id, agent };
  return { side: 'citizen', id: 'citizen' };
}

/**
 * A request for its citizen only — signed in, or with the e-mail it was filed with — never through
 * an agent's session: an agent does not write in the citizen's name. Unknown and not theirs answer
 * alike (NOT_FOUND).
 */
export function findCitizenRequest(ctx: ApiContext, trackingCode: string, email?: string | null) {
  return findTrackedRequest({ ...ctx, agent: undefined }, trackingCode, email ?? undefined);
}

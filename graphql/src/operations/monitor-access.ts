import type { ApiContext, SignedInAgent } from '../common/context.ts';
import { userError } from '../common/errors.ts';
import { CASEWORKERS, hasRole, type Role, requireRole } from '../common/roles.ts';
import { requestShownTo } from '../requests/access.ts';
import { type RequestRow, requestRepository } from '../requests/repository.ts';
import { normaliseTrackingCode } from '../requests/tracking-code.ts';

// Who watches a request on its diagram and acts on its incidents (issue 21).
// - Whoever may open the request's data today (requests/access.ts: managers and administrators for
//   the whole town, agents for the requests their tasks or registrations give them) sees the request
//   with its variables, and may retry an incident or resolve it with new values.
// - Analysts see every request of their town on its diagram, because they answer for the model's
//   behaviour, but never a citizen's data: every variable's value is masked (its name and kind stay,
//   which the model already shows), and they may retry an incident but not set values they cannot read.
// - The town's list of incidents is for managers, administrators and analysts; an agent sees the
//   incidents of their own requests on those requests.

/** Roles that may open a request's diagram (with the reach each has, above). */
export const WATCHERS: Role[] = [...CASEWORKERS, 'analyst'];
/** Roles that see the town's list of incidents. */
export const INCIDENT_LIST_ROLES: Role[] = ['manager', 'administrator', 'analyst'];

export interface WatchedRequest {
  request: RequestRow;
  /** whether the viewer may see the request's personal data (its variables' values) */
  personalData: boolean;
}

/** Why the viewer sees masks, in the caller's words (null when they see the values). */
export const MASKED_REASON =
  "Données personnelles masquées : votre rôle ne donne pas accès aux données de cette demande (réservé aux agents qu'elle concerne et aux responsables). / Personal data masked: your role gives no access to this request's data (for the agents it concerns and managers).";

/** A request of the agent's town they may watch, or NOT_FOUND (unknown and unreachable codes answer alike). */
export async function findWatchedRequest(ctx: ApiContext, trackingCode: string): Promise<WatchedRequest> {
  const agent = requireRole(ctx, ...WATCHERS);
  const code = normaliseTrackingCode(trackingCode);
  const found = await ctx.db.within(agent.municipalityId, async (tx) => {
    const shown = hasRole(agent, ...CASEWORKERS)
      ? await requestRepository(tx).byTrackingCode(code, requestShownTo(tx, agent))
      : undefined;
    if (shown) return { request: shown, personalData: true };
    const whole = hasRole(agent, 'analyst') ? await requestRepository(tx).byTrackingCode(code) : undefined;
    return whole ? { request: whole, personalData: false } : undefined;
  });
  if (!found)
    throw userError('NOT_FOUND', `Aucune demande ${code} à votre portée. / No request ${code} within your reach.`, {
      trackingCode: code,
    });
  return found;
}

/** The signed-in agent, if they may see the town's incidents; else FORBIDDEN naming the roles. */
export const requireIncidentWatcher = (ctx: ApiContext): SignedInAgent => requireRole(ctx, ...INCIDENT_LIST_ROLES);

import type { ApiContext } from '../common/context.ts';
import { userError } from '../common/errors.ts';
import { CASEWORKERS, requireRole } from '../common/roles.ts';
import { requestShownTo } from './access.ts';
import { type RequestRow, requestRepository } from './repository.ts';
import { normaliseTrackingCode } from './tracking-code.ts';

/**
 * A request by its tracking code, for an agent it concerns (access.ts), the signed-in citizen it
 * belongs to, or whoever gives the e-mail it was filed with. One answer for "no such code" and "not
 * yours", so codes cannot be probed; an analyst asking as an agent (no e-mail) is refused for their role.
 */
export async function findTrackedRequest(
  ctx: Pick<ApiContext, 'db' | 'agent' | 'citizen' | 'log'> & { req: { ip?: string } },
  trackingCode: string,
  email?: string,
): Promise<RequestRow> {
  const code = normaliseTrackingCode(trackingCode);
  const agent = ctx.agent;
  const citizen = ctx.citizen;
  if (agent && !citizen && !email) requireRole(ctx, ...CASEWORKERS);
  const byCode = (municipalityId: string) =>
    ctx.db.within(municipalityId, (tx) => requestRepository(tx).byTrackingCode(code));
  let row = agent
    ? await ctx.db.within(agent.municipalityId, (tx) =>
        requestRepository(tx).byTrackingCode(code, requestShownTo(tx, agent)),
      )
    : undefined;
  if (!row && citizen) {
    const own = await byCode(citizen.municipalityId);
    if (own?.citizen_id === citizen.id) row = own;
  }
  if (!row && email) {
    const [match] = await ctx.db.outside(
      (tx) => tx<{ municipality: string | null }[]>`select parvis_tracked_request(${code}, ${email}) as municipality`,
    );
    if (match?.municipality) row = await byCode(match.municipality);
  }
  if (!row) {
    ctx.log(`tracking: no request for ${code} with the e-mail given (client ${ctx.req.ip ?? 'unknown'})`);
    throw userError(
      'NOT_FOUND',
      'Aucune demande ne correspond à ce numéro et cette adresse. / No request matches this code and e-mail.',
    );
  }
  return row;
}

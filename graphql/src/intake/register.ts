import { citizenRepository, type NewCitizen } from '../citizens/repository.ts';
import type { CitizenRef } from '../citizens/resolve.ts';
import type { ApiContext, SignedInAgent } from '../common/context.ts';
import { userError } from '../common/errors.ts';
import { submitRequest } from '../requests/submit.ts';
import { checkCitizen } from './check-citizen.ts';

/** Channels an agent registers a request from, on a citizen's behalf. */
export type AgentChannel = 'counter' | 'phone' | 'post' | 'fax' | 'email';

export interface Registration {
  procedureKey: string;
  channel: AgentChannel;
  citizen: NewCitizen & { id?: string | null };
  data: Record<string, unknown>;
}

/**
 * Files a request received at the counter, by phone, by post, by fax or by e-mail: the citizen is
 * the one named, or found by e-mail, or created — in the request's own transaction, so a refused
 * form leaves nothing behind. The citizen's e-mail fills the form's when the agent left it out.
 */
export async function registerRequest(ctx: ApiContext, agent: SignedInAgent, registration: Registration) {
  const problems = checkCitizen(registration.citizen);
  if (problems.length > 0) {
    throw userError('BAD_USER_INPUT', "L'habitant est mal identifié. / The citizen is not well identified.", {
      fields: problems,
    });
  }
  const { id, ...identity } = registration.citizen;
  const known = id ? await ctx.db.within(agent.municipalityId, (tx) => citizenRepository(tx).find(id)) : undefined;
  if (id && !known) {
    throw userError('NOT_FOUND', `Habitant ${id} introuvable. / No such citizen.`, { field: 'citizen.id' });
  }
  const email = known?.email ?? identity.email?.trim().toLowerCase();
  const citizen: CitizenRef = known ? { id: known.id } : { create: { ...identity, email }, createdBy: agent.id };
  return submitRequest(ctx.db, ctx.temporal, {
    municipalityId: agent.municipalityId,
    procedureKey: registration.procedureKey,
    data: email && registration.data.email === undefined ? { email, ...registration.data } : registration.data,
    channel: registration.channel,
    citizen,
    registeredBy: agent.id,
  });
}

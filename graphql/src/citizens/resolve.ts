import type { Db } from '../common/database.ts';
import { citizenRepository, type NewCitizen } from './repository.ts';

/** Who a request is for: a known citizen, or the identity of one to find by e-mail or create. */
export type CitizenRef = { id: string } | { create: NewCitizen; createdBy: string | null };

/** The citizen's id, inside the request's transaction: created here if new, so a refused request leaves no citizen behind. */
export async function resolveCitizen(tx: Db, municipalityId: string, ref: CitizenRef): Promise<string> {
  if ('id' in ref) return ref.id;
  const citizens = citizenRepository(tx);
  const known = ref.create.email ? await citizens.byEmail(ref.create.email) : undefined;
  return known?.id ?? (await citizens.create(municipalityId, ref.create, ref.createdBy)).id;
}

import type { GraphQLError } from 'graphql';
import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import { citizenRepository, type NewCitizen } from './repository.ts';

/**
 * Refuses a second record for a citizen the town already knows by this e-mail or phone number:
 * CITIZEN_EXISTS, naming the existing record (citizenId) so the agent opens or picks it instead.
 * The same e-mail in another town is another person's record there, and no duplicate here.
 */
export async function refuseDuplicate(tx: Db, identity: NewCitizen): Promise<void> {
  const found = await citizenRepository(tx).duplicateOf(identity);
  if (found) throw duplicateRefusal(found.row, found.by);
}

function duplicateRefusal(
  row: { id: string; first_name: string | null; last_name: string | null },
  by: 'email' | 'phone',
): GraphQLError {
  const name = [row.first_name, row.last_name].filter(Boolean).join(' ') || '—';
  const [fr, en] =
    by === 'email' ? ['cette adresse e-mail', 'this e-mail address'] : ['ce numéro de téléphone', 'this phone number'];
  return userError(
    'CITIZEN_EXISTS',
    `${name} est déjà enregistré·e avec ${fr} : ouvrez sa fiche plutôt que d'en créer une seconde. / ` +
      `${name} is already on record with ${en}: open their record rather than creating a second one.`,
    { citizenId: row.id, citizenName: name, field: `citizen.${by}` },
  );
}

import { deployProcedure, upsertAgent, upsertMunicipality } from '@parvis/graphql';
import { loadShippedProcedures } from '@parvis/processes';
import type { Sql } from 'postgres';

export const ALL_ROLES = ['agent', 'manager', 'analyst', 'administrator', 'dpo'];

/** A second municipality beside `demo`, with the shipped procedures and one agent holding every role. */
export async function seedMunicipality(
  sql: Sql,
  id: string,
  agent: { email: string; password: string; displayName: string },
): Promise<void> {
  await upsertMunicipality(sql, { id, name: `Mairie de ${id}`, contactEmail: `mairie@${id}.fr` });
  await upsertAgent(sql, { ...agent, municipalityId: id, roles: ALL_ROLES, groups: ['accueil'] });
  for (const procedure of await loadShippedProcedures()) await deployProcedure(sql, id, procedure, 'test');
}

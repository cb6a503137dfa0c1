import { deployProcedure, upsertAgent, upsertMunicipality } from '@parvis/graphql';
import { loadShippedProcedures } from '@parvis/processes';
import type { Sql } from 'postgres';

/** The demo municipality `npm start` creates, and its accounts (printed at start). */
export const DEMO_MUNICIPALITY = { id: 'demo', name: 'Mairie de Démoville', contactEmail: 'mairie@demoville.fr' };

export const DEMO_AGENTS = [
  {
    email: 'accueil@demoville.fr',
    displayName: 'Camille Accueil',
    password: 'demo-accueil',
    roles: ['agent'],
    groups: ['accueil'],
  },
  {
    email: 'manager@demoville.fr',
    displayName: 'Dominique Manager',
    password: 'demo-manager',
    roles: ['agent', 'manager'],
    groups: ['accueil'],
  },
  {
    email: 'analyste@demoville.fr',
    displayName: 'Alex Analyste',
    password: 'demo-analyste',
    roles: ['analyst'],
    groups: [],
  },
];

/** Creates the demo municipality and accounts and deploys the shipped procedures (a new version only when changed). */
export async function seedDemo(sql: Sql, log: (line: string) => void = () => {}): Promise<void> {
  await upsertMunicipality(sql, DEMO_MUNICIPALITY);
  for (const agent of DEMO_AGENTS) await upsertAgent(sql, { ...agent, municipalityId: DEMO_MUNICIPALITY.id });
  for (const procedure of await loadShippedProcedures()) {
    const { version, created } = await deployProcedure(sql, DEMO_MUNICIPALITY.id, procedure, 'parvis-seed');
    log(`procedure ${procedure.key}: version ${version}${created ? ' deployed' : ' (unchanged)'}`);
  }
}

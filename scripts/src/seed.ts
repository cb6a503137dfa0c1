import { deployProcedure, upsertAgent, upsertMunicipality } from '@parvis/graphql';
import { loadShippedProcedures } from '@parvis/processes';
import type { Sql } from 'postgres';
import { recordLibrary } from './procedure-install.ts';
import { seedDemoAppointments } from './seed-appointments.ts';

/** The demo municipality `npm start` creates, and its accounts (printed at start). */
export const DEMO_MUNICIPALITY = {
  id: 'demo',
  name: 'Mairie de Démoville',
  contactEmail: 'mairie@demoville.fr',
  place: { latitude: 48.8566, longitude: 2.3522 },
};

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
  // The services the shipped procedures route to (processes/): one agent each, and their heads.
  ...(
    [
      ['voirie', 'Sacha Voirie', 'voirie'],
      ['proprete', 'Noa Propreté', 'proprete'],
      ['eclairage', 'Lou Éclairage', 'eclairage'],
      ['police', 'Agent Police Municipale', 'police'],
      ['etat-civil', 'Maëlle État-Civil', 'etat-civil'],
      ['petite-enfance', 'Jade Petite-Enfance', 'petite-enfance'],
      ['vie-associative', 'Rémi Vie-Associative', 'vie-associative'],
    ] as const
  ).map(([login, displayName, group]) => ({
    email: `${login}@demoville.fr`,
    displayName,
    password: `demo-${login}`,
    roles: ['agent'],
    groups: [group],
  })),
  {
    email: 'technique@demoville.fr',
    displayName: 'Morgan Services-Techniques',
    password: 'demo-technique',
    roles: ['agent', 'manager'],
    groups: ['voirie', 'proprete', 'eclairage'],
  },
  {
    email: 'dgs@demoville.fr',
    displayName: 'Claude Direction-Générale',
    password: 'demo-dgs',
    roles: ['agent', 'manager'],
    groups: ['direction', 'etat-civil', 'petite-enfance', 'vie-associative', 'police'],
  },
  {
    email: 'adjointe@demoville.fr',
    displayName: 'Hélène Adjointe-au-Maire',
    password: 'demo-adjointe',
    roles: ['agent'],
    groups: ['elus'],
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
  // argon2 hashes run on libuv's thread pool: all at once, the accounts are ready sooner.
  await Promise.all(DEMO_AGENTS.map((agent) => upsertAgent(sql, { ...agent, municipalityId: DEMO_MUNICIPALITY.id })));
  for (const procedure of await loadShippedProcedures()) {
    const { version, created } = await deployProcedure(sql, DEMO_MUNICIPALITY.id, procedure, 'parvis-seed');
    log(`procedure ${procedure.key}: version ${version}${created ? ' deployed' : ' (unchanged)'}`);
  }
  // The counter the identity-card procedure books (issue 22, point 2).
  await seedDemoAppointments(sql, DEMO_MUNICIPALITY.id);
  // The library other towns install from (issue 15, point 4).
  await recordLibrary(sql);
}

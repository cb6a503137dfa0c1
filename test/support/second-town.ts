import { upsertAgent, upsertMunicipality } from '@parvis/graphql';
import type { GraphqlClient } from './graphql-client.ts';
import type { RunningParvis } from './parvis.ts';

/** An administrator (and analyst) of a town, `admin@<town>.fr`, signed in. */
export async function signedInAdministrator(parvis: RunningParvis, town: string): Promise<GraphqlClient> {
  const email = `admin@${town}.fr`;
  const password = `admin-${town}-password`;
  await upsertAgent(parvis.sql, {
    municipalityId: town,
    email,
    displayName: `Admin ${town}`,
    password,
    roles: ['administrator', 'analyst'],
    groups: [],
  });
  const admin = parvis.client();
  await admin.data(
    'mutation ($m: ID!, $e: String!, $p: String!) { signIn(municipality: $m, email: $e, password: $p) { id } }',
    { m: town, e: email, p: password },
  );
  return admin;
}

/** A second town beside `demo`, made with the owner's SQL, and its administrator signed in. */
export async function secondTown(parvis: RunningParvis, id: string): Promise<GraphqlClient> {
  await upsertMunicipality(parvis.sql, { id, name: `Mairie de ${id}`, contactEmail: `mairie@${id}.fr` });
  return signedInAdministrator(parvis, id);
}

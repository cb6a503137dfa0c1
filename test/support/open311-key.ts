import type { RunningParvis } from './parvis.ts';
import { signedInAdministrator } from './second-town.ts';

let issued = 0;

/** An Open311 api_key for a town, issued by its administrator as an app's developers would get it. */
export async function open311Key(parvis: RunningParvis, town = 'demo'): Promise<string> {
  const admin = await signedInAdministrator(parvis, town);
  const { issueOpen311Key } = await admin.data<{ issueOpen311Key: { apiKey: string } }>(
    'mutation ($name: String!) { issueOpen311Key(name: $name) { apiKey } }',
    { name: `Application de test ${++issued}` },
  );
  return issueOpen311Key.apiKey;
}

import type { GraphqlClient } from './graphql-client.ts';
import { eventually } from './graphql-client.ts';
import type { RunningParvis } from './parvis.ts';

/** The token of the last one-time link mailed to an address. */
export function lastLinkTo(parvis: RunningParvis, email: string): Promise<string> {
  return eventually(async () => {
    const mail = [...parvis.smtp.messages()].reverse().find((m) => m.to.includes(email) && m.text.includes('jeton='));
    return mail?.text.match(/Jeton \/ token: (\S+)/)?.[1];
  });
}

/** Signs a citizen in by a one-time link (their account is created if new). */
export async function signInByLink(parvis: RunningParvis, client: GraphqlClient, municipality: string, email: string) {
  const before = parvis.smtp.messages().length;
  await client.data('mutation ($m: ID!, $e: String!) { requestSignInLink(municipality: $m, email: $e) }', {
    m: municipality,
    e: email,
  });
  await eventually(async () => (parvis.smtp.messages().length > before ? true : undefined));
  const token = await lastLinkTo(parvis, email);
  await client.data('mutation ($m: ID!, $t: String!) { signInWithLink(municipality: $m, token: $t) { id } }', {
    m: municipality,
    t: token,
  });
  return token;
}

import * as oidc from 'openid-client';
import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';

/** Who signs in through a provider: the town's agents (its directory) or its citizens (FranceConnect). */
export type Audience = 'agents' | 'citizens';

/** A town's OpenID provider for one audience, as stored (table sign_in_providers, migration 141). */
export interface ProviderSettings {
  municipalityId: string;
  audience: Audience;
  label: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  /** FranceConnect: `eidas1` */
  acrValues: string | null;
  /** agents: the claim carrying the directory's groups, and the Parvis groups each of its values gives */
  groupsClaim: string | null;
  groupMapping: Record<string, string[]>;
}

/** The town's provider for this audience, if it has one. */
export async function findProvider(db: Db, audience: Audience): Promise<ProviderSettings | undefined> {
  const [row] = await db<ProviderSettings[]>`
    select municipality_id as "municipalityId", audience, label, issuer, client_id as "clientId",
      client_secret as "clientSecret", scopes, acr_values as "acrValues", groups_claim as "groupsClaim",
      group_mapping as "groupMapping"
    from sign_in_providers where audience = ${audience}`;
  return row;
}

/** Plain HTTP only on this machine (the tests' provider); anywhere else an issuer is HTTPS. */
export const isLoopback = (url: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

const configurations = new Map<string, Promise<oidc.Configuration>>();

/**
 * The provider's metadata (OpenID discovery), read once per issuer and client and kept: a
 * provider whose metadata name another issuer is refused by openid-client.
 */
export function providerConfiguration(settings: ProviderSettings): Promise<oidc.Configuration> {
  const key = `${settings.issuer}\n${settings.clientId}\n${settings.clientSecret}`;
  let found = configurations.get(key);
  if (!found) {
    const issuer = new URL(settings.issuer);
    found = oidc
      .discovery(issuer, settings.clientId, settings.clientSecret, undefined, {
        execute: isLoopback(issuer) && issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
        timeout: 10,
      })
      .then((configuration) => {
        // Signatures checked against the provider's keys: the ID token's, and UserInfo's when it
        // answers a signed JWT (FranceConnect does)
        oidc.enableNonRepudiationChecks(configuration);
        return configuration;
      })
      .catch((error: unknown) => {
        configurations.delete(key);
        throw userError(
          'SERVICE_UNAVAILABLE',
          `Le fournisseur d'identité ${settings.issuer} ne répond pas comme attendu (${(error as Error).message}). / The identity provider ${settings.issuer} did not answer as expected.`,
        );
      });
    configurations.set(key, found);
  }
  return found;
}

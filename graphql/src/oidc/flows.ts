import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import type { Db } from '../common/database.ts';
import { type ProviderSettings, providerConfiguration } from './providers.ts';
import { refusalOf, SignInRefused } from './refusal.ts';

/** How long the person has at the provider before the flow is forgotten. */
const FLOW_MINUTES = 10;
const digest = (state: string) => createHash('sha256').update(state).digest('hex');

/**
 * The provider's authorization address for a new sign-in: authorization code flow with PKCE
 * (S256), a fresh state and nonce kept in sign_in_flows (the state's digest only) until the callback.
 */
export async function beginFlow(
  db: Db,
  provider: ProviderSettings,
  redirectUri: string,
  linkingCitizenId: string | null = null,
): Promise<URL> {
  const configuration = await providerConfiguration(provider);
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const verifier = oidc.randomPKCECodeVerifier();
  await db`delete from sign_in_flows where created_at < now() - ${`${FLOW_MINUTES} minutes`}::interval`;
  await db`insert into sign_in_flows (state_hash, municipality_id, audience, nonce, code_verifier, linking_citizen_id)
    values (${digest(state)}, ${provider.municipalityId}, ${provider.audience}, ${nonce}, ${verifier}, ${linkingCitizenId})`;
  return oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    scope: provider.scopes,
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    ...(provider.acrValues ? { acr_values: provider.acrValues } : {}),
  });
}

/** What a provider said about the person, its ID token checked. */
export interface ProvedIdentity {
  claims: Record<string, unknown> & { sub: string };
  idToken: string;
  linkingCitizenId: string | null;
}

/**
 * Spends the callback's state (once: a replayed callback finds none), then redeems the code with
 * its PKCE verifier; openid-client checks the ID token's signature, issuer, audience, expiry and
 * nonce. UserInfo's claims join the ID token's. Refusals are SignInRefused.
 */
export async function finishFlow(
  spend: (work: (db: Db) => Promise<FlowRow | undefined>) => Promise<FlowRow | undefined>,
  provider: ProviderSettings,
  callbackUrl: URL,
): Promise<ProvedIdentity> {
  const state = callbackUrl.searchParams.get('state') ?? '';
  // Spent in a transaction of its own, committed before the code is redeemed: whatever follows, it served once.
  const flow = state
    ? await spend(
        async (db) =>
          (
            await db<FlowRow[]>`delete from sign_in_flows
              where state_hash = ${digest(state)} and audience = ${provider.audience}
                and created_at > now() - ${`${FLOW_MINUTES} minutes`}::interval
              returning nonce, code_verifier as "codeVerifier", linking_citizen_id as "linkingCitizenId"`
          )[0],
      )
    : undefined;
  if (!flow) throw new SignInRefused('state');
  try {
    const configuration = await providerConfiguration(provider);
    const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    // FranceConnect's rule: the level given (acr) must be one of those asked (acr_values)
    if (provider.acrValues && !provider.acrValues.split(' ').includes(String(claims.acr))) {
      throw new SignInRefused('level', `acr ${String(claims.acr)}`);
    }
    const userinfo = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
    return {
      claims: { ...userinfo, ...claims } as ProvedIdentity['claims'],
      idToken: tokens.id_token!,
      linkingCitizenId: flow.linkingCitizenId,
    };
  } catch (error) {
    throw refusalOf(error);
  }
}

export interface FlowRow {
  nonce: string;
  codeVerifier: string;
  linkingCitizenId: string | null;
}

/** The provider's logout address (end_session_endpoint), back to `returnTo` afterwards. */
export async function endSessionUrl(provider: ProviderSettings, idToken: string, returnTo: string): Promise<URL> {
  return oidc.buildEndSessionUrl(await providerConfiguration(provider), {
    id_token_hint: idToken,
    post_logout_redirect_uri: returnTo,
    state: oidc.randomState(),
  });
}

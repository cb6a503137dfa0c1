// The town's OpenID providers as its sign-in pages offer them: the agents' directory, FranceConnect.
import { useGraphql } from '../composables/useGraphql.ts';
import { MUNICIPALITY } from '../municipality.ts';

export interface SignInOption {
  label: string;
  /** where the browser goes to sign in (GET /auth/<town>/<audience>/start) */
  startUrl: string;
}

const SIGN_IN_OPTIONS = /* GraphQL */ `
  query SignInOptions($municipality: ID!, $audience: String!) {
    signInOptions(municipality: $municipality, audience: $audience) { label startUrl }
  }`;

/** The town's provider for this audience, if it set one up; none when the API cannot say. */
export async function signInOptions(audience: 'agents' | 'citizens'): Promise<SignInOption[]> {
  try {
    const { signInOptions } = await useGraphql().request<{ signInOptions: SignInOption[] }>(SIGN_IN_OPTIONS, {
      municipality: MUNICIPALITY,
      audience,
    });
    return signInOptions;
  } catch {
    return [];
  }
}

const MY_FRANCECONNECT = /* GraphQL */ `query MyFranceConnect { myFranceConnect }`;

/** Whether the signed-in citizen's account is linked to FranceConnect. */
export async function linkedToFranceConnect(): Promise<boolean> {
  try {
    return (await useGraphql().request<{ myFranceConnect: boolean }>(MY_FRANCECONNECT)).myFranceConnect;
  } catch {
    return false;
  }
}

/** The API's logout through FranceConnect (its end-session endpoint), then back to the portal. */
export const franceConnectLogout = () => `/auth/${MUNICIPALITY}/citizens/logout`;

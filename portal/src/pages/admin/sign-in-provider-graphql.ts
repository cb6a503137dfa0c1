// GraphQL documents of the town's sign-in screen: its agents' OpenID provider.
import type { Operation } from '../../composables/useGraphql.ts';
import type {
  AdminSaveSignInProviderMutation,
  AdminSaveSignInProviderMutationVariables,
  AdminSignInProvidersQuery,
  AdminSignInProvidersQueryVariables,
} from '../../graphql/generated/operations.ts';

export const SIGN_IN_PROVIDERS: Operation<AdminSignInProvidersQuery, AdminSignInProvidersQueryVariables> =
  /* GraphQL */ `
  query AdminSignInProviders {
    signInProviders { audience label issuer clientId scopes groupsClaim groupMapping { value groups } redirectPath }
    groups { key }
    staff { groups }
  }`;

export const SAVE_SIGN_IN_PROVIDER: Operation<
  AdminSaveSignInProviderMutation,
  AdminSaveSignInProviderMutationVariables
> = /* GraphQL */ `
  mutation AdminSaveSignInProvider($provider: SignInProviderInput!) {
    saveSignInProvider(provider: $provider) { audience redirectPath }
  }`;

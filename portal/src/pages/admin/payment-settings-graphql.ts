// GraphQL documents of the town's PayFiP references (administrators).
import type { Operation } from '../../composables/useGraphql.ts';
import type {
  AdminPaymentSettingsQuery,
  AdminPaymentSettingsQueryVariables,
  AdminSetPaymentSettingsMutation,
  AdminSetPaymentSettingsMutationVariables,
} from '../../graphql/generated/operations.ts';

export const PAYMENT_SETTINGS: Operation<AdminPaymentSettingsQuery, AdminPaymentSettingsQueryVariables> =
  /* GraphQL */ `query AdminPaymentSettings { paymentSettings { clientNumber environment updatedAt } }`;

export const SET_PAYMENT_SETTINGS: Operation<
  AdminSetPaymentSettingsMutation,
  AdminSetPaymentSettingsMutationVariables
> = /* GraphQL */ `
  mutation AdminSetPaymentSettings($clientNumber: String, $environment: PaymentEnvironment) {
    setPaymentSettings(clientNumber: $clientNumber, environment: $environment) { clientNumber environment updatedAt }
  }`;

// GraphQL documents of the reading settings a signed-in citizen keeps in their account.
import type { Operation } from '../composables/useGraphql.ts';
import type {
  MyReadingSettingsQuery,
  MyReadingSettingsQueryVariables,
  SaveReadingSettingsMutation,
  SaveReadingSettingsMutationVariables,
} from '../graphql/generated/operations.ts';

const FIELDS = /* GraphQL */ `
  fragment ReadingSettingsFields on ReadingSettings {
    textSize contrast lineSpacing
  }`;

export const MY_READING_SETTINGS: Operation<MyReadingSettingsQuery, MyReadingSettingsQueryVariables> =
  /* GraphQL */ `query MyReadingSettings { myProfile { readingSettings { ...ReadingSettingsFields } } }
  ${FIELDS}`;

export const SAVE_READING_SETTINGS: Operation<SaveReadingSettingsMutation, SaveReadingSettingsMutationVariables> =
  /* GraphQL */ `
  mutation SaveReadingSettings($settings: ReadingSettingsInput!) {
    updateMyReadingSettings(settings: $settings) { ...ReadingSettingsFields }
  }
  ${FIELDS}`;

// GraphQL documents of the reading settings a signed-in citizen keeps in their account.
const FIELDS = /* GraphQL */ `
  fragment ReadingSettingsFields on ReadingSettings {
    textSize contrast lineSpacing
  }`;

export const MY_READING_SETTINGS = /* GraphQL */ `query MyReadingSettings { myProfile { readingSettings { ...ReadingSettingsFields } } }
  ${FIELDS}`;

export const SAVE_READING_SETTINGS = /* GraphQL */ `
  mutation SaveReadingSettings($settings: ReadingSettingsInput!) {
    updateMyReadingSettings(settings: $settings) { ...ReadingSettingsFields }
  }
  ${FIELDS}`;

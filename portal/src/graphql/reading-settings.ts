// GraphQL documents of the reading settings a signed-in citizen keeps in their account.
const FIELDS = 'textSize contrast lineSpacing';

export const MY_READING_SETTINGS = /* GraphQL */ `{ myProfile { readingSettings { ${FIELDS} } } }`;

export const SAVE_READING_SETTINGS = /* GraphQL */ `
  mutation SaveReadingSettings($settings: ReadingSettingsInput!) {
    updateMyReadingSettings(settings: $settings) { ${FIELDS} }
  }`;

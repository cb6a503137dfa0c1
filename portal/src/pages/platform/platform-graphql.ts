// The platform administrators' operations.

export interface PlatformTown {
  id: string;
  name: string;
  hosts: string[];
  timeZone: string;
  holidayRegion: string;
  disabled: boolean;
}

const TOWN_FIELDS = 'id name hosts timeZone holidayRegion disabled';

export const PLATFORM_ADMINISTRATOR = `query PlatformAdministrator { platformAdministrator { id displayName } }`;
export const PLATFORM_TOWNS = `query PlatformTowns { platformTowns { ${TOWN_FIELDS} } }`;
export const PLATFORM_SIGN_IN = `mutation PlatformSignIn($email: String!, $password: String!) {
  platformSignIn(email: $email, password: $password) { id displayName }
}`;
export const PLATFORM_SIGN_OUT = `mutation PlatformSignOut { platformSignOut }`;
export const CREATE_TOWN = `mutation CreateTown($town: NewTownInput!) { createTown(town: $town) { ${TOWN_FIELDS} } }`;
export const SET_TOWN_DISABLED = `mutation SetTownDisabled($slug: ID!, $disabled: Boolean!) {
  setTownDisabled(slug: $slug, disabled: $disabled) { ${TOWN_FIELDS} }
}`;

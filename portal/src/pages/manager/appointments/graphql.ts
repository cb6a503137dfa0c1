import type { Operation } from '../../../composables/useGraphql.ts';
import type {
  AppointmentSettingsQuery,
  AppointmentSettingsQueryVariables,
  SaveAppointmentKindMutation,
  SaveAppointmentKindMutationVariables,
  SaveAppointmentResourceMutation,
  SaveAppointmentResourceMutationVariables,
} from '../../../graphql/generated/operations.ts';

// The town's resources and kinds of appointment, as managers define them.

export const APPOINTMENT_SETTINGS: Operation<AppointmentSettingsQuery, AppointmentSettingsQueryVariables> =
  /* GraphQL */ `
  query AppointmentSettings {
    appointmentResources { id name kind agentId capacity location openings { weekday opens closes } }
    appointmentKinds { id key nameFr nameEn minutes reminderMinutes resourceIds }
  }`;

export const SAVE_RESOURCE: Operation<SaveAppointmentResourceMutation, SaveAppointmentResourceMutationVariables> =
  /* GraphQL */ `
  mutation SaveAppointmentResource($id: ID, $name: String!, $kind: AppointmentResourceKind!, $agentId: ID,
    $capacity: Int!, $location: String, $openings: [WeeklyOpeningInput!]!) {
    saveAppointmentResource(id: $id, name: $name, kind: $kind, agentId: $agentId, capacity: $capacity,
      location: $location, openings: $openings) { id name }
  }`;

export const SAVE_KIND: Operation<SaveAppointmentKindMutation, SaveAppointmentKindMutationVariables> = /* GraphQL */ `
  mutation SaveAppointmentKind($key: String!, $nameFr: String!, $nameEn: String!, $minutes: Int!,
    $reminderMinutes: Int, $resourceIds: [ID!]!) {
    saveAppointmentKind(key: $key, nameFr: $nameFr, nameEn: $nameEn, minutes: $minutes,
      reminderMinutes: $reminderMinutes, resourceIds: $resourceIds) { key nameFr }
  }`;

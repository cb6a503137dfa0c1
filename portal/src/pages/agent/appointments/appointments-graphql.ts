import type { Operation } from '../../../composables/useGraphql.ts';
import type {
  AgentBookAppointmentMutation,
  AgentBookAppointmentMutationVariables,
  AppointmentKindsQuery,
  AppointmentKindsQueryVariables,
  AppointmentSlotsQuery,
  AppointmentSlotsQueryVariables,
  DayAppointmentsQuery,
  DayAppointmentsQueryVariables,
  RecordAppointmentNoShowMutation,
  RecordAppointmentNoShowMutationVariables,
} from '../../../graphql/generated/operations.ts';

// The agents' side of appointments: the day, the kinds and their slots, booking for someone, no-shows.

export const DAY_APPOINTMENTS: Operation<DayAppointmentsQuery, DayAppointmentsQueryVariables> = /* GraphQL */ `
  query DayAppointments($date: String!) {
    dayAppointments(date: $date) {
      id startsAt endsAt status personName phone email channel
      kind { nameFr nameEn }
      resource { id name }
    }
  }`;

export const APPOINTMENT_KINDS: Operation<AppointmentKindsQuery, AppointmentKindsQueryVariables> = /* GraphQL */ `
  query AppointmentKinds {
    appointmentKinds { key nameFr nameEn minutes }
    appointmentResources { id name }
  }`;

export const APPOINTMENT_SLOTS: Operation<AppointmentSlotsQuery, AppointmentSlotsQueryVariables> = /* GraphQL */ `
  query AppointmentSlots($kindKey: String!, $date: String!) {
    appointmentSlots(kindKey: $kindKey, date: $date) { resourceId startsAt free }
  }`;

export const BOOK_APPOINTMENT: Operation<AgentBookAppointmentMutation, AgentBookAppointmentMutationVariables> =
  /* GraphQL */ `
  mutation AgentBookAppointment($kindKey: String!, $resourceId: ID!, $startsAt: String!, $personName: String!,
    $email: String, $phone: String, $channel: AppointmentChannel!) {
    bookAppointment(kindKey: $kindKey, resourceId: $resourceId, startsAt: $startsAt, personName: $personName,
      email: $email, phone: $phone, channel: $channel) { id startsAt personName }
  }`;

export const RECORD_NO_SHOW: Operation<RecordAppointmentNoShowMutation, RecordAppointmentNoShowMutationVariables> =
  /* GraphQL */ `
  mutation RecordAppointmentNoShow($id: ID!) {
    recordAppointmentNoShow(id: $id) { id status }
  }`;

// GraphQL documents of the front desk and the citizen's record, with the shape of what they return.

import type { Operation } from '../composables/useGraphql.ts';
import type {
  CitizenFieldsFragment,
  CitizenRecordQuery,
  CitizenRecordQueryVariables,
  CreateCitizenMutation,
  CreateCitizenMutationVariables,
  DeskProceduresQuery,
  DeskProceduresQueryVariables,
  RegisterRequestMutation,
  RegisterRequestMutationVariables,
  SearchCitizensQuery,
  SearchCitizensQueryVariables,
} from '../graphql/generated/operations.ts';
import type { FormSchema } from './citizen.ts';

export type CitizenSummary = CitizenFieldsFragment;

const CITIZEN_FIELDS = /* GraphQL */ `
  fragment CitizenFields on Citizen {
    id firstName lastName email phone addresses { street postalCode city } notificationPreferences { email sms }
  }`;

export const SEARCH_CITIZENS: Operation<SearchCitizensQuery, SearchCitizensQueryVariables> = /* GraphQL */ `
  query SearchCitizens($query: String!) { searchCitizens(query: $query, first: 20) { ...CitizenFields } }
  ${CITIZEN_FIELDS}`;

export const CREATE_CITIZEN: Operation<CreateCitizenMutation, CreateCitizenMutationVariables> = /* GraphQL */ `
  mutation CreateCitizen($citizen: NewCitizenInput!) { createCitizen(citizen: $citizen) { ...CitizenFields } }
  ${CITIZEN_FIELDS}`;

/** Channels the front desk registers requests from. */
export const DESK_CHANNELS = ['COUNTER', 'PHONE', 'POST', 'FAX'] as const;
export type DeskChannel = (typeof DESK_CHANNELS)[number];

export interface DeskProcedure {
  key: string;
  title: string;
  startForm: FormSchema | null;
}

/** The procedures open to a channel, with their start forms. */
export const DESK_PROCEDURES: Operation<DeskProceduresQuery, DeskProceduresQueryVariables> = /* GraphQL */ `
  query DeskProcedures($municipality: ID!, $channel: Channel!, $lang: Lang) {
    procedures(municipality: $municipality, channel: $channel) { key title(lang: $lang) startForm }
  }`;

export type ReplyMeans = 'EMAIL' | 'SMS' | 'LETTER';

export interface Registered {
  trackingCode: string;
  replyBy: ReplyMeans[];
  citizenId: string;
}

export const REGISTER_REQUEST: Operation<RegisterRequestMutation, RegisterRequestMutationVariables> = /* GraphQL */ `
  mutation RegisterRequest($procedure: String!, $channel: AgentChannel!, $citizen: CitizenInput!, $data: JSON!, $scans: [ID!]) {
    registerRequest(procedure: $procedure, channel: $channel, citizen: $citizen, data: $data, scans: $scans) {
      trackingCode replyBy citizenId
    }
  }`;

export interface CitizenContact {
  at: string;
  direction: 'INCOMING' | 'OUTGOING';
  channel: string;
  kind: 'REQUEST_FILED' | 'ANSWER_RECEIVED' | 'ACKNOWLEDGED' | 'NOTIFIED';
  trackingCode: string;
  registeredBy: string | null;
  event: string | null;
}

export type CitizenRecord = CitizenRecordQuery['citizenRecord'];

export const CITIZEN_RECORD: Operation<CitizenRecordQuery, CitizenRecordQueryVariables> = /* GraphQL */ `
  query CitizenRecord($id: ID!, $lang: Lang) {
    citizenRecord(id: $id) {
      citizen { ...CitizenFields }
      createdBy createdAt
      requests { trackingCode procedureTitle(lang: $lang) channel status submittedAt }
      contacts { at direction channel kind trackingCode registeredBy event }
    }
  }
  ${CITIZEN_FIELDS}`;

/** « Paul Martin », or the e-mail or phone when the name is unknown. */
export function citizenName(c: Pick<CitizenSummary, 'firstName' | 'lastName' | 'email' | 'phone'>): string {
  return [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || c.phone || '—';
}

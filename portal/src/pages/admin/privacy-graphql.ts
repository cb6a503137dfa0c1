// GraphQL documents of the data-protection screens.
import type { Operation } from '../../composables/useGraphql.ts';
import type {
  PrivacyEraseMutation,
  PrivacyEraseMutationVariables,
  PrivacyExportQuery,
  PrivacyExportQueryVariables,
  PrivacyPeopleQuery,
  PrivacyPeopleQueryVariables,
  PrivacyRegisterQuery,
  PrivacyRegisterQueryVariables,
  PrivacyRetentionQuery,
  PrivacyRetentionQueryVariables,
  PrivacySetRetentionMutation,
  PrivacySetRetentionMutationVariables,
} from '../../graphql/generated/operations.ts';

export const PEOPLE: Operation<PrivacyPeopleQuery, PrivacyPeopleQueryVariables> = /* GraphQL */ `
  query PrivacyPeople($contact: String!) {
    dataSubjects(contact: $contact) { id firstName lastName email phone hasAccount requestCount openRequestCount createdAt erasedAt }
  }`;

export const EXPORT: Operation<PrivacyExportQuery, PrivacyExportQueryVariables> = /* GraphQL */ `
  query PrivacyExport($id: ID!) { dataSubjectExport(id: $id) }`;

export const ERASE: Operation<PrivacyEraseMutation, PrivacyEraseMutationVariables> = /* GraphQL */ `
  mutation PrivacyErase($id: ID!) {
    eraseDataSubject(id: $id) { id firstName lastName email phone hasAccount requestCount openRequestCount createdAt erasedAt }
  }`;

export const REGISTER: Operation<PrivacyRegisterQuery, PrivacyRegisterQueryVariables> = /* GraphQL */ `
  query PrivacyRegister($lang: Lang) {
    processingRegister(lang: $lang) {
      procedureKey name purpose legalBasis dataCategories { key label fields } recipients retentionMonths securityMeasures
    }
  }`;

export const RETENTION: Operation<PrivacyRetentionQuery, PrivacyRetentionQueryVariables> = /* GraphQL */ `
  query PrivacyRetention {
    procedureRetentions { procedureKey titleFr titleEn kind defaultMonths townMonths months }
    retentionPurges(first: 50) { id at procedureKey requests policy retentionMonths source }
  }`;

export const SET_RETENTION: Operation<PrivacySetRetentionMutation, PrivacySetRetentionMutationVariables> =
  /* GraphQL */ `
  mutation PrivacySetRetention($procedureKey: String!, $months: Int) {
    setProcedureRetention(procedureKey: $procedureKey, months: $months) { procedureKey townMonths months }
  }`;

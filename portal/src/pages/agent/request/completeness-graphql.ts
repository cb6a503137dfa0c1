// The request's file completeness (CRPA art. L114-5): what the procedure requires, what is missing, and
// the agent's declarations.
import type { Operation } from '../../../composables/useGraphql.ts';
import type {
  DeclareFileCompleteMutation,
  DeclareFileCompleteMutationVariables,
  DeclareFileIncompleteMutation,
  DeclareFileIncompleteMutationVariables,
  RequestCompletenessQuery,
  RequestCompletenessQueryVariables,
} from '../../../graphql/generated/operations.ts';

export type RequestCompleteness = NonNullable<RequestCompletenessQuery['request']>;

export const REQUEST_COMPLETENESS: Operation<RequestCompletenessQuery, RequestCompletenessQueryVariables> =
  /* GraphQL */ `
  query RequestCompleteness($code: String!) {
    request(trackingCode: $code) {
      trackingCode
      status
      completeAt
      missingPieces { pieces { id } since deadline declaredBy }
      requiredPieces { id labelFr labelEn }
    }
  }`;

export const DECLARE_FILE_INCOMPLETE: Operation<DeclareFileIncompleteMutation, DeclareFileIncompleteMutationVariables> =
  /* GraphQL */ `
  mutation DeclareFileIncomplete($code: String!, $pieces: [ID!]!) {
    declareFileIncomplete(trackingCode: $code, pieces: $pieces) { trackingCode }
  }`;

export const DECLARE_FILE_COMPLETE: Operation<DeclareFileCompleteMutation, DeclareFileCompleteMutationVariables> =
  /* GraphQL */ `
  mutation DeclareFileComplete($code: String!) {
    declareFileComplete(trackingCode: $code) { trackingCode }
  }`;

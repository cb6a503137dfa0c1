// GraphQL documents of the town's Open311 screen: the applications allowed to post reports, and their api_keys.
import type { Operation } from '../../composables/useGraphql.ts';
import type {
  AdminIssueOpen311KeyMutation,
  AdminIssueOpen311KeyMutationVariables,
  AdminOpen311ApplicationsQuery,
  AdminOpen311ApplicationsQueryVariables,
  AdminRevokeOpen311KeyMutation,
  AdminRevokeOpen311KeyMutationVariables,
} from '../../graphql/generated/operations.ts';

export const OPEN311_APPLICATIONS: Operation<AdminOpen311ApplicationsQuery, AdminOpen311ApplicationsQueryVariables> =
  /* GraphQL */ `
  query AdminOpen311Applications {
    open311Applications { id name keyStart createdAt lastUsedAt revokedAt status }
  }`;

export const ISSUE_OPEN311_KEY: Operation<AdminIssueOpen311KeyMutation, AdminIssueOpen311KeyMutationVariables> =
  /* GraphQL */ `
  mutation AdminIssueOpen311Key($name: String!) {
    issueOpen311Key(name: $name) { apiKey application { id name } }
  }`;

export const REVOKE_OPEN311_KEY: Operation<AdminRevokeOpen311KeyMutation, AdminRevokeOpen311KeyMutationVariables> =
  /* GraphQL */ `
  mutation AdminRevokeOpen311Key($id: ID!) {
    revokeOpen311Key(id: $id) { id status }
  }`;

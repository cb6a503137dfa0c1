// The duplicates' GraphQL documents and what they return.
import type { Operation } from '../../composables/useGraphql.ts';
import type {
  DuplicateCheckQuery,
  DuplicateCheckQueryVariables,
  FollowReportMutation,
  FollowReportMutationVariables,
  MergeDuplicateMutation,
  MergeDuplicateMutationVariables,
  NearbyReportsQuery,
  NearbyReportsQueryVariables,
  RequestDuplicatesQuery,
  RequestDuplicatesQueryVariables,
} from '../../graphql/generated/operations.ts';

export type NearbyReport = NearbyReportsQuery['nearbyReports'][number];

export const NEARBY_REPORTS: Operation<NearbyReportsQuery, NearbyReportsQueryVariables> = /* GraphQL */ `
  query NearbyReports($municipality: ID!, $procedure: String!, $category: String!, $latitude: Float!, $longitude: Float!) {
    nearbyReports(municipality: $municipality, procedure: $procedure, category: $category, latitude: $latitude, longitude: $longitude) {
      id category distanceMeters reportedAt status
    }
  }`;

export const FOLLOW_REPORT: Operation<FollowReportMutation, FollowReportMutationVariables> = /* GraphQL */ `
  mutation FollowReport($municipality: ID!, $report: ID!, $email: String!) {
    followReport(municipality: $municipality, report: $report, email: $email)
  }`;

export const DUPLICATE_CHECK: Operation<DuplicateCheckQuery, DuplicateCheckQueryVariables> = /* GraphQL */ `
  query DuplicateCheck($municipality: ID!, $key: String!) {
    procedure(municipality: $municipality, key: $key, channel: WEB) { duplicates { field withinMeters } }
  }`;

export interface LikelyDuplicate {
  trackingCode: string;
  category: string;
  distanceMeters: number;
  submittedAt: string;
  status: string;
}

export type RequestDuplicates = NonNullable<RequestDuplicatesQuery['request']>;

export const REQUEST_DUPLICATES: Operation<RequestDuplicatesQuery, RequestDuplicatesQueryVariables> = /* GraphQL */ `
  query RequestDuplicates($code: String!) {
    request(trackingCode: $code) {
      trackingCode status
      likelyDuplicates { trackingCode category distanceMeters submittedAt status }
      mergedDuplicates
      mergedInto { trackingCode status mergedAt }
      duplicateCheck { withinMeters }
    }
  }`;

export const MERGE_DUPLICATE: Operation<MergeDuplicateMutation, MergeDuplicateMutationVariables> = /* GraphQL */ `
  mutation MergeDuplicate($main: String!, $duplicate: String!) {
    mergeDuplicate(main: $main, duplicate: $duplicate) { trackingCode }
  }`;

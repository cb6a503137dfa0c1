// The duplicates' GraphQL documents and what they return.

export interface NearbyReport {
  id: string;
  category: string;
  distanceMeters: number;
  reportedAt: string;
  status: string;
}

export const NEARBY_REPORTS = /* GraphQL */ `
  query NearbyReports($municipality: ID!, $procedure: String!, $category: String!, $latitude: Float!, $longitude: Float!) {
    nearbyReports(municipality: $municipality, procedure: $procedure, category: $category, latitude: $latitude, longitude: $longitude) {
      id category distanceMeters reportedAt status
    }
  }`;

export const FOLLOW_REPORT = /* GraphQL */ `
  mutation FollowReport($municipality: ID!, $report: ID!, $email: String!) {
    followReport(municipality: $municipality, report: $report, email: $email)
  }`;

export const DUPLICATE_CHECK = /* GraphQL */ `
  query DuplicateCheck($municipality: ID!, $key: String!) {
    procedure(municipality: $municipality, key: $key, channel: web) { duplicates { field withinMeters } }
  }`;

export interface LikelyDuplicate {
  trackingCode: string;
  category: string;
  distanceMeters: number;
  submittedAt: string;
  status: string;
}

export interface RequestDuplicates {
  trackingCode: string;
  status: string;
  likelyDuplicates: LikelyDuplicate[];
  mergedDuplicates: string[];
  mergedInto: { trackingCode: string; status: string; mergedAt: string } | null;
  duplicateCheck: { withinMeters: number } | null;
}

export const REQUEST_DUPLICATES = /* GraphQL */ `
  query RequestDuplicates($code: String!) {
    request(trackingCode: $code) {
      trackingCode status
      likelyDuplicates { trackingCode category distanceMeters submittedAt status }
      mergedDuplicates
      mergedInto { trackingCode status mergedAt }
      duplicateCheck { withinMeters }
    }
  }`;

export const MERGE_DUPLICATE = /* GraphQL */ `
  mutation MergeDuplicate($main: String!, $duplicate: String!) {
    mergeDuplicate(main: $main, duplicate: $duplicate) { trackingCode }
  }`;

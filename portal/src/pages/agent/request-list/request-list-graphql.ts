// GraphQL documents of the request list: a page of requests, and what its filters offer.

import type { Operation } from '../../../composables/useGraphql.ts';
import type { RequestStatus } from '../../../graphql/citizen.ts';
import type {
  RequestListOptionsQuery,
  RequestListOptionsQueryVariables,
  RequestListQuery,
  RequestListQueryVariables,
  RequestListStaffQuery,
  RequestListStaffQueryVariables,
} from '../../../graphql/generated/operations.ts';

/** One row of the list. */
export interface ListedRequest {
  trackingCode: string;
  procedureKey: string;
  procedureTitle: string;
  channel: string;
  status: RequestStatus;
  submittedAt: string;
  closedAt: string | null;
  dueAt: string | null;
  slaState: string;
  /** names of the agents its open tasks are assigned to */
  heldBy: string[];
}

export interface RequestPage {
  nodes: ListedRequest[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

export const PAGE_SIZE = 50;

export const REQUESTS: Operation<RequestListQuery, RequestListQueryVariables> = /* GraphQL */ `
  query RequestList($filter: RequestFilter, $sort: RequestSort, $first: Int, $after: String, $lang: Lang) {
    requests(filter: $filter, sort: $sort, first: $first, after: $after) {
      nodes {
        trackingCode procedureKey procedureTitle(lang: $lang) channel status submittedAt closedAt dueAt slaState heldBy
      }
      pageInfo { endCursor hasNextPage }
    }
  }`;

/** What the filters offer: the procedures, the signed-in agent (their groups), and for managers the staff and departments. */
export interface ListOptions {
  procedures: { key: string; title: string }[];
  me: { id: string; groups: string[] };
  staff: { id: string; displayName: string; groups: string[] }[];
  departments: { id: string; name: string }[];
}

export const LIST_OPTIONS: Operation<RequestListOptionsQuery, RequestListOptionsQueryVariables> = /* GraphQL */ `
  query RequestListOptions($municipality: ID!, $lang: Lang) {
    procedures(municipality: $municipality) { key title(lang: $lang) }
    me { id groups }
  }`;

export const MANAGER_OPTIONS: Operation<RequestListStaffQuery, RequestListStaffQueryVariables> = /* GraphQL */ `
  query RequestListStaff { staff { id displayName groups } departments { id name } }`;

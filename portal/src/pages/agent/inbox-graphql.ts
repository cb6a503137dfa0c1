// GraphQL documents of the inbox: the work queue with its filters, claiming and releasing.
import type { Operation } from '../../composables/useGraphql.ts';
import type {
  ClaimTaskMutation,
  ClaimTaskMutationVariables,
  InboxProceduresQuery,
  InboxProceduresQueryVariables,
  ReleaseTaskMutation,
  ReleaseTaskMutationVariables,
  WorkQueueQuery,
  WorkQueueQueryVariables,
} from '../../graphql/generated/operations.ts';

export type WorkScope = 'all' | 'groups' | 'mine';

export interface WorkQueueFilter {
  scope: WorkScope;
  channel?: string;
  procedure?: string;
  sla?: string;
  search?: string;
}

export type WorkItem = WorkQueueQuery['workQueue'][number];

export const WORK_QUEUE: Operation<WorkQueueQuery, WorkQueueQueryVariables> = /* GraphQL */ `
  query WorkQueue($filter: WorkQueueFilter, $lang: Lang) {
    workQueue(filter: $filter, first: 200) {
      id name channel candidateGroups openedAt dueAt slaState assigneeName assignedToMe
      request { trackingCode procedureKey procedureTitle(lang: $lang) senderVerified }
    }
  }`;

export const INBOX_PROCEDURES: Operation<InboxProceduresQuery, InboxProceduresQueryVariables> = /* GraphQL */ `
  query InboxProcedures($municipality: ID!, $lang: Lang) { procedures(municipality: $municipality) { key title(lang: $lang) } }`;

export const CLAIM_TASK: Operation<ClaimTaskMutation, ClaimTaskMutationVariables> =
  /* GraphQL */ `mutation ClaimTask($id: ID!) { claimTask(taskId: $id) { id } }`;

export const RELEASE_TASK: Operation<ReleaseTaskMutation, ReleaseTaskMutationVariables> =
  /* GraphQL */ `mutation ReleaseTask($id: ID!) { releaseTask(taskId: $id) { id } }`;

// GraphQL documents of the inbox: the work queue with its filters (claiming and releasing: team-graphql.ts).
import type { Operation } from '../../composables/useGraphql.ts';
import type {
  InboxProceduresQuery,
  InboxProceduresQueryVariables,
  WorkQueueQuery,
  WorkQueueQueryVariables,
} from '../../graphql/generated/operations.ts';

export type WorkScope = 'ALL' | 'GROUPS' | 'MINE';

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

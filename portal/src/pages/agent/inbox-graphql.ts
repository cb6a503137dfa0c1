// GraphQL documents of the inbox: the work queue with its filters, claiming and releasing.

export type WorkScope = 'all' | 'groups' | 'mine';

export interface WorkQueueFilter {
  scope: WorkScope;
  channel?: string;
  procedure?: string;
  sla?: string;
  search?: string;
}

export interface WorkItem {
  id: string;
  name: string;
  channel: string;
  candidateGroups: string[];
  openedAt: string;
  dueAt: string | null;
  slaState: string;
  assigneeName: string | null;
  assignedToMe: boolean;
  request: { trackingCode: string; procedureKey: string; procedureTitle: string; senderVerified?: boolean | null };
}

export const WORK_QUEUE = /* GraphQL */ `
  query WorkQueue($filter: WorkQueueFilter, $lang: Lang) {
    workQueue(filter: $filter, first: 200) {
      id name channel candidateGroups openedAt dueAt slaState assigneeName assignedToMe
      request { trackingCode procedureKey procedureTitle(lang: $lang) senderVerified }
    }
  }`;

export const INBOX_PROCEDURES = /* GraphQL */ `
  query InboxProcedures($municipality: ID!, $lang: Lang) { procedures(municipality: $municipality) { key title(lang: $lang) } }`;

export const CLAIM_TASK = /* GraphQL */ `mutation ClaimTask($id: ID!) { claimTask(taskId: $id) { id } }`;

export const RELEASE_TASK = /* GraphQL */ `mutation ReleaseTask($id: ID!) { releaseTask(taskId: $id) { id } }`;

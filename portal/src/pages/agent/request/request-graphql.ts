// The GraphQL document of the agent's request page (the 360° view), with the shape of what it returns.

import type { Operation } from '../../../composables/useGraphql.ts';
import type { FormSchema, RequestDocument, RequestStatus, TimelineEvent } from '../../../graphql/citizen.ts';
import { REQUEST_FILE_FIELDS, type RequestFileLink } from '../../../graphql/files.ts';
import type { AgentRequestQuery, AgentRequestQueryVariables } from '../../../graphql/generated/operations.ts';

/** One step of the request's work, with who holds it or completed it. */
export interface RequestTask {
  id: string;
  name: string;
  /** open, completed or cancelled */
  status: string;
  candidateGroups: string[];
  assigneeName: string | null;
  assignedToMe: boolean;
  /** name of the agent who completed it */
  completedBy: string | null;
  openedAt: string;
  closedAt: string | null;
  dueAt: string | null;
  slaState: string;
  /** whether the signed-in agent may open the task's page */
  openable: boolean;
}

export interface RequestFile360 {
  trackingCode: string;
  procedureKey: string;
  procedureTitle: string;
  channel: string;
  status: RequestStatus;
  submittedAt: string;
  closedAt: string | null;
  dueAt: string | null;
  slaState: string;
  data: Record<string, unknown>;
  /** the start form of the version the request runs on, to label its data */
  startForm: FormSchema | null;
  senderVerified: boolean | null;
  /** the citizen's record (agents), when the request belongs to one */
  citizenId: string | null;
  timeline: TimelineEvent[];
  documents: RequestDocument[];
  files: RequestFileLink[];
  tasks: RequestTask[];
}

export const REQUEST_360: Operation<AgentRequestQuery, AgentRequestQueryVariables> = /* GraphQL */ `
  query AgentRequest($code: String!, $lang: Lang) {
    request(trackingCode: $code) {
      trackingCode procedureKey procedureTitle(lang: $lang) channel status submittedAt closedAt dueAt slaState
      data startForm senderVerified citizenId
      timeline { kind payload occurredAt }
      documents { kind title(lang: $lang) url }
      ...RequestFiles
      tasks {
        id name status candidateGroups assigneeName assignedToMe completedBy openedAt closedAt dueAt slaState openable
      }
    }
  }
  ${REQUEST_FILE_FIELDS}`;

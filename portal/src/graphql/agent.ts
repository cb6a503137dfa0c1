// GraphQL documents of the agent's pages, with the shape of what they return.

import type { Operation } from '../composables/useGraphql.ts';
import type {
  CompleteTaskMutation,
  CompleteTaskMutationVariables,
  MeQuery,
  MeQueryVariables,
  SignInMutation,
  SignInMutationVariables,
  SignOutMutation,
  SignOutMutationVariables,
  TaskQuery,
  TaskQueryVariables,
} from '../graphql/generated/operations.ts';
import type { FormSchema, RequestStatus, TimelineEvent } from './citizen.ts';
import { REQUEST_FILE_FIELDS, type RequestFileLink } from './files.ts';

export interface SignedInAgent {
  displayName: string;
  municipality: string;
  /** agent, manager, analyst, administrator */
  roles: string[];
}

export const ME: Operation<MeQuery, MeQueryVariables> =
  /* GraphQL */ `query Me { me { displayName municipality roles } }`;

export const SIGN_IN: Operation<SignInMutation, SignInMutationVariables> = /* GraphQL */ `
  mutation SignIn($municipality: ID!, $email: String!, $password: String!) {
    signIn(municipality: $municipality, email: $email, password: $password) { displayName municipality roles }
  }`;

export const SIGN_OUT: Operation<SignOutMutation, SignOutMutationVariables> =
  /* GraphQL */ `mutation SignOut { signOut }`;

export interface InboxTask {
  id: string;
  name: string;
  channel: string;
  candidateGroups: string[];
  openedAt: string;
  request: { trackingCode: string; procedureTitle: string; senderVerified?: boolean | null };
}

export interface TaskDetail {
  id: string;
  name: string;
  status: 'open' | 'completed' | 'cancelled';
  channel: string;
  form: FormSchema | null;
  /** the step takes a signed decision (signature book) rather than a form */
  signatureRequired: boolean;
  candidateGroups: string[];
  /** name of the agent it is assigned to, if any */
  assigneeName: string | null;
  request: {
    trackingCode: string;
    procedureKey: string;
    procedureTitle: string;
    status: RequestStatus;
    submittedAt: string;
    closedAt: string | null;
    data: Record<string, unknown>;
    /** the start form of the version the request runs on, to label its data */
    startForm: FormSchema | null;
    /** false when the e-mail intake could not verify the sender */
    senderVerified: boolean | null;
    timeline: TimelineEvent[];
    files: RequestFileLink[];
  };
}

export const TASK: Operation<TaskQuery, TaskQueryVariables> = /* GraphQL */ `
  query Task($id: ID!, $lang: Lang) {
    task(id: $id) {
      id name status channel form signatureRequired candidateGroups assigneeName
      request {
        trackingCode procedureKey procedureTitle(lang: $lang) status submittedAt closedAt data startForm senderVerified
        timeline { kind payload occurredAt }
        ...RequestFiles
      }
    }
  }
  ${REQUEST_FILE_FIELDS}`;

export const COMPLETE_TASK: Operation<CompleteTaskMutation, CompleteTaskMutationVariables> = /* GraphQL */ `
  mutation CompleteTask($id: ID!, $data: JSON) { completeTask(taskId: $id, data: $data) { id status } }`;

// GraphQL documents of team work: who may hold a task, assigning it, absences.
import type { Operation } from '../../../composables/useGraphql.ts';
import type {
  AbsencesQuery,
  AbsencesQueryVariables,
  AssignTaskMutation,
  AssignTaskMutationVariables,
  CancelAbsenceMutation,
  CancelAbsenceMutationVariables,
  ClaimTaskMutation,
  ClaimTaskMutationVariables,
  DeclareAbsenceMutation,
  DeclareAbsenceMutationVariables,
  ReleaseTaskMutation,
  ReleaseTaskMutationVariables,
  RequestTasksQuery,
  RequestTasksQueryVariables,
  StaffQuery,
  StaffQueryVariables,
} from '../../../graphql/generated/operations.ts';

/** An agent of the town, as managers see them. */
export type StaffMember = StaffQuery['staff'][number];

export const STAFF: Operation<StaffQuery, StaffQueryVariables> =
  /* GraphQL */ `query Staff { staff { id displayName groups absent } }`;

export const ASSIGN_TASK: Operation<AssignTaskMutation, AssignTaskMutationVariables> = /* GraphQL */ `
  mutation AssignTask($id: ID!, $agent: ID!) { assignTask(taskId: $id, agentId: $agent) { id assigneeId } }`;

export const CLAIM_TASK: Operation<ClaimTaskMutation, ClaimTaskMutationVariables> =
  /* GraphQL */ `mutation ClaimTask($id: ID!) { claimTask(taskId: $id) { id } }`;

export const RELEASE_TASK: Operation<ReleaseTaskMutation, ReleaseTaskMutationVariables> =
  /* GraphQL */ `mutation ReleaseTask($id: ID!) { releaseTask(taskId: $id) { id } }`;

export type Absence = AbsencesQuery['absences'][number];

export const ABSENCES: Operation<AbsencesQuery, AbsencesQueryVariables> =
  /* GraphQL */ `query Absences { absences { id agentId startsAt endsAt reason } me { id } }`;

export const DECLARE_ABSENCE: Operation<DeclareAbsenceMutation, DeclareAbsenceMutationVariables> = /* GraphQL */ `
  mutation DeclareAbsence($absence: AbsenceInput!) { declareAbsence(absence: $absence) { id } }`;

export const CANCEL_ABSENCE: Operation<CancelAbsenceMutation, CancelAbsenceMutationVariables> =
  /* GraphQL */ `mutation CancelAbsence($id: ID!) { cancelAbsence(id: $id) }`;

/** The open tasks of a request, for a bulk action: what each asks (its form) and whether the agent may open it. */
export interface BulkTask {
  id: string;
  name: string;
  status: string;
  formId: string | null;
  form: Record<string, unknown> | null;
  candidateGroups: string[];
  assigneeId: string | null;
  openable: boolean;
}

export const REQUEST_TASKS: Operation<RequestTasksQuery, RequestTasksQueryVariables> = /* GraphQL */ `
  query RequestTasks($code: String!) {
    request(trackingCode: $code) { trackingCode tasks { id name status formId form candidateGroups assigneeId openable } }
  }`;

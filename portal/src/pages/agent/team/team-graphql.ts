// GraphQL documents of team work: who may hold a task, assigning it, absences.

/** An agent of the town, as managers see them. */
export interface StaffMember {
  id: string;
  displayName: string;
  groups: string[];
  /** away right now */
  absent: boolean;
}

export const STAFF = /* GraphQL */ `query Staff { staff { id displayName groups absent } }`;

export const ASSIGN_TASK = /* GraphQL */ `
  mutation AssignTask($id: ID!, $agent: ID!) { assignTask(taskId: $id, agentId: $agent) { id assigneeId } }`;

export const CLAIM_TASK = /* GraphQL */ `mutation ClaimTask($id: ID!) { claimTask(taskId: $id) { id } }`;

export const RELEASE_TASK = /* GraphQL */ `mutation ReleaseTask($id: ID!) { releaseTask(taskId: $id) { id } }`;

export interface Absence {
  id: string;
  agentId: string;
  startsAt: string;
  endsAt: string;
  reason: string;
}

export const ABSENCES = /* GraphQL */ `query Absences { absences { id agentId startsAt endsAt reason } me { id } }`;

export const DECLARE_ABSENCE = /* GraphQL */ `
  mutation DeclareAbsence($absence: AbsenceInput!) { declareAbsence(absence: $absence) { id } }`;

export const CANCEL_ABSENCE = /* GraphQL */ `mutation CancelAbsence($id: ID!) { cancelAbsence(id: $id) }`;

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

export const REQUEST_TASKS = /* GraphQL */ `
  query RequestTasks($code: String!) {
    request(trackingCode: $code) { trackingCode tasks { id name status formId form candidateGroups assigneeId openable } }
  }`;

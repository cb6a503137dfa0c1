// Sandbox-safe: the request workflow's messages, shared by the workflow and its clients (graphql).

import type { Json, ProcessIR, ProcessState, Variables } from '@parvis/engine';
import { defineQuery, defineUpdate } from '@temporalio/workflow';

export const TASK_QUEUE = 'parvis-requests';

/** The person acting, as the API authenticated them. */
export interface Actor {
  id: string;
  displayName: string;
  groups: string[];
}

export interface RequestWorkflowInput {
  requestId: string;
  municipalityId: string;
  trackingCode: string;
  citizenEmail?: string;
  procedureTitle: { fr: string; en: string };
  /** IR of the version the request was submitted under: it stays on it forever. */
  ir: ProcessIR;
  /** form-js schemas of that version, by form id */
  forms: Record<string, Json>;
  variables: Variables;
  /** Set when the workflow continues as new with its state. */
  resume?: { state: ProcessState; seq: number; openTasks: OpenTask[]; timers: PendingTimer[] };
}

export interface OpenTask {
  taskKey: string;
  elementId: string;
  name?: string;
  candidateGroups: string[];
  candidateUsers: string[];
  assignee?: string;
  formId?: string;
}

export interface PendingTimer {
  timerId: string;
  elementId: string;
  fireAt: string;
}

export interface CompleteTaskArgs {
  taskKey: string;
  actor: Actor;
  data: Variables;
}

export interface RequestSnapshot {
  status: ProcessState['status'];
  openTasks: OpenTask[];
  variables: Variables;
  incidents: { incidentId: string; elementId: string; message: string }[];
}

/** An agent completes an open task; refused before it enters history when not allowed. */
export const completeTaskUpdate = defineUpdate<{ accepted: true }, [CompleteTaskArgs]>('completeTask');
/** Live state of the request, straight from the workflow. */
export const snapshotQuery = defineQuery<RequestSnapshot>('snapshot');

// Sandbox-safe: the words of a request's life, shared by the lifecycle core and its hosts (the
// Temporal workflow, the designer's dry run, the simulator).

import type { NotificationFacts } from '../notifications/describe.ts';
import type { NotificationEvent } from '../notifications/templates.ts';
import type { OpenIncident } from '../runtime/inspect.ts';
import type { Command, EngineEvent } from '../runtime/types.ts';
import type { SlaClock } from './clocks.ts';
import type { CompletenessState, Incompleteness, Piece } from './completeness.ts';

export type { OpenIncident, SlaClock };

/** A user task as the request holds it open: what the inbox shows. */
export interface OpenTask {
  taskKey: string;
  elementId: string;
  name?: string;
  candidateGroups: string[];
  candidateUsers: string[];
  assignee?: string;
  formId?: string;
  dueAt?: string;
}

export interface PendingTimer {
  timerId: string;
  elementId: string;
  fireAt: string;
}

/** A message the request waits for (from the citizen, usually). */
export interface MessageWait {
  subscriptionId: string;
  elementId: string;
  messageName: string;
  /** the value the message must carry (zeebe:subscription correlationKey, evaluated when the wait began) */
  correlationKey?: string;
  /** `sla.pauses` on the element: the SLA clock stops while this wait lasts */
  pausesSla: boolean;
}

/** How the citizen wants to be told: e-mail and/or SMS. */
export interface CitizenContact {
  email?: string;
  phone?: string;
  bySms?: boolean;
}

/** Who a notice is for (not a procedure's audience: who may file it). */
export interface NoticeAudience {
  citizen?: CitizenContact;
  /** agents of these groups */
  groups?: string[];
  /** managers of these groups (all the municipality's managers when the groups have none) */
  managersOf?: string[];
  /** the followers of this request (its id): citizens who followed it, reporters of duplicates merged into it */
  followersOf?: string;
}

/** Something the request tells people: the host renders and delivers it. */
export interface Notice {
  /** unique per request and event occurrence, e.g. `acknowledgement`, `taskOpened:Answer#1` */
  key: string;
  event: NotificationEvent;
  audience: NoticeAudience;
  facts: NotificationFacts;
}

export interface TimelineEntry {
  kind: string;
  payload: Record<string, unknown>;
}

/** Request columns a step may change; absent ones stay as they are. */
export interface RequestChanges {
  status?: string;
  /** null: no instruction deadline runs (the file is incomplete) */
  dueAt?: string | null;
  slaState?: string;
  silenceRegime?: string;
  /** null: no implicit decision is on its way (the file is incomplete) */
  implicitDecisionAt?: string | null;
  /** the file became complete (CRPA art. L114-5): the legal delays run from then */
  completeAt?: string;
  /** pieces missing, or null once the file is complete */
  incomplete?: Incompleteness | null;
  implicitDecision?: 'acceptance' | 'refusal';
  /** corrected fields of the request's data, merged into it (a citizen's correction) */
  data?: Record<string, unknown>;
  /** the procedure version the request runs from now on (an analyst's migration) */
  procedureVersionId?: string;
}

/** What one step of the request changed that people can see: its row, its tasks, its timeline. */
export interface StepRecord {
  request: RequestChanges;
  openedTasks: OpenTask[];
  closedTasks: { taskKey: string; status: 'completed' | 'cancelled'; completedBy?: string }[];
  /** SLA changes of open tasks */
  taskSla: { taskKey: string; dueAt: string; slaState: string }[];
  timeline: TimelineEntry[];
}

/** What wakes a request: an engine event, or one of the clocks the lifecycle keeps itself. */
export type Wakeup =
  | { kind: 'engine'; event: EngineEvent }
  | { kind: 'sla'; clock: string; stage: 'atRisk' | 'breached' }
  | { kind: 'implicitDecision' }
  /** an agent (or a rule) declares the file incomplete: these pieces are missing */
  | { kind: 'fileIncomplete'; pieces: Piece[]; by: string }
  /** an agent declares the file complete: the legal delays start */
  | { kind: 'fileComplete'; by: string }
  /** an analyst moved the request to another version (`RequestLifecycle.migrating` did it): the step records it */
  | { kind: 'versionMigrated' };

/**
 * What the lifecycle asks of its host. Alarms ring back as wake-ups at their time; work started
 * (jobs, calls) answers with engine events; tasks and message waits are also kept by the core,
 * and told to hosts that show them as they come.
 */
export interface LifecycleHost {
  /** Rings `wakeup` at `at`, replacing an alarm of the same id. */
  setAlarm(id: string, at: string, wakeup: Wakeup): void;
  clearAlarm(id: string): void;
  /** The request ended: no alarm may ring any more. */
  clearAlarms(): void;
  runJob(command: Extract<Command, { type: 'runJob' }>): void;
  cancelJob(jobId: string): void;
  /** `scope`: the called process's task-key prefix */
  startCall(command: Extract<Command, { type: 'startCall' }>, scope: string): void;
  cancelCall(callId: string): void;
  taskOpened?(task: OpenTask): void;
  taskClosed?(taskKey: string): void;
  timerStarted?(timer: PendingTimer): void;
  timerStopped?(timerId: string): void;
  messageAwaited?(wait: MessageWait): void;
  messageNoLongerAwaited?(wait: MessageWait): void;
  publishMessage?(command: Extract<Command, { type: 'publishMessage' }>): void;
  throwSignal?(command: Extract<Command, { type: 'throwSignal' }>): void;
}

/** The lifecycle's state between two runs (Temporal's continue-as-new): JSON. */
export interface LifecycleResume {
  openTasks: OpenTask[];
  timers: PendingTimer[];
  clocks: SlaClock[];
  waits: MessageWait[];
  incidents: OpenIncident[];
  implicitDecisionPending: boolean;
  /** absent for requests continued before files could be declared incomplete: complete since receipt */
  completeness?: CompletenessState;
  /** engine steps that failed, by their incident, to run again when it is resolved */
  engineFailures?: [string, Wakeup | 'start'][];
  engineFailuresSeen?: number;
}

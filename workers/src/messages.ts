// Sandbox-safe: the request workflow's messages, shared by the workflow and its clients (graphql).

import type { ProcedureTexts } from '@parvis/engine';
import type {
  BusinessCalendar,
  CitizenContact,
  Json,
  LifecycleResume,
  MessageWait,
  OpenIncident,
  OpenTask,
  PendingTimer,
  Piece,
  ProcessIR,
  ProcessState,
  SlaClock,
  Variables,
} from '@parvis/engine/runtime';
import { defineQuery, defineUpdate } from '@temporalio/workflow';

export type { CitizenContact, MessageWait, OpenIncident, OpenTask, PendingTimer, ProcedureTexts, SlaClock };

export const TASK_QUEUE = 'parvis-requests';

/**
 * The town a host name no town claims belongs to, from the environment given: PARVIS_DEFAULT_TOWN,
 * `demo` unless set, none when set empty. The API, the workers' mails and the command read it alike.
 */
export function defaultTown(env: Record<string, string | undefined>): string | undefined {
  return (env.PARVIS_DEFAULT_TOWN ?? 'demo') || undefined;
}

/**
 * How long one workflow task of a request may take (Temporal's default is 10 s). A model that loops
 * without waiting runs up to the engine's step limit before it becomes an incident, seconds on a busy
 * machine: a task that outlives its timeout is retried from the start, over and over.
 */
export const REQUEST_WORKFLOW_TASK_TIMEOUT = '30 seconds';

/** The person acting, as the API authenticated them. */
export interface Actor {
  id: string;
  displayName: string;
  groups: string[];
  /** lower case; a task's candidateUsers may name the agent by it. Absent from updates sent before it was added. */
  email?: string;
}

export interface RequestWorkflowInput {
  requestId: string;
  municipalityId: string;
  trackingCode: string;
  /** when the municipality received it: the start of every legal and SLA clock */
  submittedAt: string;
  citizen: CitizenContact;
  procedureTitle: { fr: string; en: string };
  /** IR of the version the request was submitted under: it stays on it forever. */
  ir: ProcessIR;
  /** form-js schemas of that version, by form id */
  forms: Record<string, Json>;
  /** notification texts of that version */
  texts: ProcedureTexts;
  /** the municipality's business calendar: time zone, Alsace-Moselle, closures */
  calendar: BusinessCalendar;
  variables: Variables;
  /** the timer start event a scheduled procedure fired; the none start event otherwise */
  startEventId?: string;
  /** the procedure version it runs; set since a migration moved it (the API's rows name the first one) */
  procedureVersionId?: string;
  /** Set when the workflow continues as new with its state. */
  resume?: ResumeState;
  /** Set when this workflow runs a call activity of the request: a child of the request's workflow. */
  child?: CallScope;
}

/** Where a call activity's child workflow projects: its own step sequence and task keys. */
export interface CallScope {
  callId: string;
  /** prefix of its task keys and its projection scope, e.g. `Check#3` or `Check#3/Sign#7` */
  scope: string;
}

/** The state a request continues as new with: the lifecycle's, and how many steps it recorded. */
export interface ResumeState extends LifecycleResume {
  state: ProcessState;
  seq: number;
}

/**
 * Knobs for tests and demos, carried in the workflow's memo (never in its input): how much faster
 * than real time alarms ring (PARVIS_CLOCK_SCALE: months pass in seconds), and the history length
 * past which a request continues as new (PARVIS_HISTORY_LIMIT; 2,000 by default).
 */
export interface WorkflowTuning {
  clockScale?: number;
  historyLimit?: number;
}

export interface CompleteTaskArgs {
  taskKey: string;
  actor: Actor;
  data: Variables;
  /** Set when the decision was signed: the API verified it; the workflow writes it to the timeline. */
  signature?: SignatureRecord;
}

/** A decision signed in the agent's browser (ECDSA P-256) and verified by the API before it is sent. */
export interface SignatureRecord {
  signatureId: string;
  decision: 'approve' | 'refuse' | 'return';
  comment: string;
  /** the exact text signed: canonical JSON (RFC 8785), UTF-8 */
  signedPayload: string;
  /** hex SHA-256 of the signed text */
  payloadHash: string;
  /** base64url of the IEEE P1363 signature (r‖s), as WebCrypto gives it */
  signature: string;
  /** hex SHA-256 of the signer's public key (DER SubjectPublicKeyInfo) */
  keyFingerprint: string;
  algorithm: 'ECDSA-P256-SHA256';
  signedAt: string;
  /** the agent whose signature this is, under a delegation, and the delegation */
  onBehalfOf?: { actor: Actor; delegationId: string };
}

export interface DeliverMessageArgs {
  messageName: string;
  variables: Variables;
  /** who sent it, for the timeline */
  from: string;
}

export interface ResolveIncidentArgs {
  incidentId: string;
  /** variables to set before retrying, e.g. a corrected value */
  variables: Variables;
  actor: Actor;
}

/** The citizen's correction of named fields of their request, which an agent asked for (the API checked it against the form). */
export interface CorrectDataArgs {
  /** the agent's request for a correction (a conversation message): a correction is taken once */
  correctionId: string;
  /** the corrected fields' new values */
  values: Variables;
  /** hex SHA-256 of the request's data in canonical JSON before and after (signatures/decision-payload.ts dataHash) */
  dataHashBefore: string;
  dataHashAfter: string;
}

/** An agent merges this request into the main one about the same thing (the API checked both). */
export interface MergeIntoArgs {
  /** the main request's tracking code, which the closing message names */
  mainTrackingCode: string;
  actor: Actor;
}

/** An agent declares pieces of the file missing (CRPA art. L114-5): the API checked them against the procedure's. */
export interface DeclareFileIncompleteArgs {
  pieces: Piece[];
  actor: Actor;
}

/** An agent declares the file complete: the implicit-decision delay and the instruction clock start. */
export interface DeclareFileCompleteArgs {
  actor: Actor;
}

/** An analyst moves the request to another version of its procedure (the API checked the mapping). */
export interface MigrateVersionArgs {
  /** the version it moves to, with what the request runs from there */
  target: {
    procedureVersionId: string;
    version: number;
    ir: ProcessIR;
    forms: Record<string, Json>;
    texts: ProcedureTexts;
  };
  /** the version the API found it on */
  fromVersion: number;
  /** old element id → new element id, complete (same ids and the analyst's pairs: versionMapping) */
  mapping: Record<string, string>;
  actor: Actor;
}

/** A request's engine state without its variables' values: what a dry run of a migration reads. */
export interface MigrationView {
  procedureVersionId?: string;
  state: ProcessState;
}

export interface RequestSnapshot {
  status: ProcessState['status'];
  openTasks: OpenTask[];
  variables: Variables;
  waitingFor: string[];
  clocks: SlaClock[];
  incidents: OpenIncident[];
  /** the elements the request stands on now (activeElementsOf) */
  activeElements: string[];
  /** the BPMN timers that will ring, with their dates */
  timers: PendingTimer[];
}

/** An agent completes an open task; refused before it enters history when not allowed. */
export const completeTaskUpdate = defineUpdate<{ accepted: true }, [CompleteTaskArgs]>('completeTask');
/** A message for the request (the citizen's answer); refused when the request waits for none. */
export const deliverMessageUpdate = defineUpdate<{ accepted: true }, [DeliverMessageArgs]>('deliverMessage');
/** The citizen's correction of their request's data: the timeline records it, the request's data and variables take it. */
export const correctDataUpdate = defineUpdate<{ accepted: true }, [CorrectDataArgs]>('correctData');
/** The request closes as a duplicate of another: what waits is cancelled, its citizen told; refused once it is closed. */
export const mergeIntoUpdate = defineUpdate<{ accepted: true }, [MergeIntoArgs]>('mergeInto');
/** Pieces are missing: the request's legal clocks stop and the citizen is told; refused once it is closed. */
export const declareFileIncompleteUpdate = defineUpdate<{ accepted: true }, [DeclareFileIncompleteArgs]>(
  'declareFileIncomplete',
);
/** The file is complete: its legal clocks start; refused when it is not incomplete (declared twice) or closed. */
export const declareFileCompleteUpdate = defineUpdate<{ accepted: true }, [DeclareFileCompleteArgs]>(
  'declareFileComplete',
);
/** An agent retries what stopped the request, once its cause is fixed. */
export const resolveIncidentUpdate = defineUpdate<{ accepted: true }, [ResolveIncidentArgs]>('resolveIncident');
/** The request moves to another version of its procedure; refused, nothing changed, when it cannot (the reasons). */
export const migrateVersionUpdate = defineUpdate<{ accepted: true }, [MigrateVersionArgs]>('migrateVersion');
/** Where the request stands, element by element, for a migration's dry run (no personal data). */
export const migrationViewQuery = defineQuery<MigrationView>('migrationView');
/** Live state of the request, straight from the workflow. */
export const snapshotQuery = defineQuery<RequestSnapshot>('snapshot');

// Payments (issue 22): the API starts settlePaymentWorkflow on a provider's notification or a payer's return.

/**
 * The message a payment's result is published as (correlation key: the payment's reference). Its
 * wait is the provider's, not the citizen's: the citizen's answer never goes to it.
 */
export const PAYMENT_MESSAGE = 'paiement';

/** The message a booking is published as; its correlation key is the invitation's id (`appointmentInvitation`). */
export const APPOINTMENT_MESSAGE = 'rendez-vous';

/**
 * The waits of a request the citizen's answer may go to: all but a payment's and a booking's, which
 * the payment provider and the booking publish (an answer sent there would pass for their result).
 */
export const citizenWaits = (waitingFor: readonly string[]): string[] =>
  waitingFor.filter((messageName) => messageName !== PAYMENT_MESSAGE && messageName !== APPOINTMENT_MESSAGE);

/** The workflow the API starts for a payment's notification or return. */
export const SETTLE_PAYMENT_WORKFLOW = 'settlePaymentWorkflow';

/** Who tells Parvis a payment may have an outcome: the provider's notification, the payer's return, the expiry. */
export type PaymentSettlementSource = 'notification' | 'return' | 'expiry';

export interface PaymentSettlementInput {
  municipalityId: string;
  paymentId: string;
  source: PaymentSettlementSource;
  /** the provider's operation id as posted (PayFiP's idOp); the expiry uses the stored one */
  operationId?: string;
  /** the secret the notification address carries */
  token?: string;
}

/** A payment's state: waiting for the payer, then its outcome (or refunded by an agent). */
export type PaymentStatus = 'PENDING' | 'PAID' | 'REFUSED' | 'ABANDONED' | 'EXPIRED' | 'REFUNDED';

/** What became of a notification, a return or an expiry; every one is in payment_attempts. */
export interface PaymentSettlement {
  /** ACCEPTED: the payment has its outcome now; DUPLICATE: it had one; REFUSED: see `reason`; PENDING: not finished */
  outcome: 'ACCEPTED' | 'DUPLICATE' | 'REFUSED' | 'PENDING';
  /** why it was refused: the signature, an unknown payment or operation, details that differ */
  refusal?: 'BAD_SIGNATURE' | 'UNKNOWN_PAYMENT' | 'UNKNOWN_OPERATION' | 'MISMATCH';
  reason?: string;
  status?: PaymentStatus;
  /** the request's tracking code, where the payer's return leads */
  trackingCode?: string;
  /** the message that wakes the waiting request (published once: its messageId is the payment's) */
  message?: { messageName: string; correlationKey: string; variables: Variables; messageId: string };
}

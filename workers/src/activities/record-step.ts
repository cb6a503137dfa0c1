import { ApplicationFailure } from '@temporalio/activity';
import { type NotifyDependencies, type NotifyInput, notify } from './notify.ts';
import { projectStep, type StepProjection, type TimelineEntry } from './project-step.ts';

export interface RecordStepInput {
  /** What the step changed; absent when it changed nothing people see. */
  projection?: StepProjection;
  /** Who the step tells, in order. */
  notifications: NotifyInput[];
  /** Where the timeline says who was told: the step sequence after the projection's (used when there are notifications). */
  told: Pick<StepProjection, 'requestId' | 'municipalityId' | 'seq' | 'scope' | 'at'>;
}

/**
 * One workflow step in one activity — one Temporal round trip instead of one per write and per
 * message. The projection goes first, so a task is in the inbox even while the mail server is
 * away; then each notification, each recipient once; then the timeline entries saying who was
 * told. A retry finds the projection written and the messages sent, and does only what is left.
 */
export async function recordStep(deps: NotifyDependencies, input: RecordStepInput): Promise<void> {
  if (input.projection) await projectStep(deps.sql, input.projection);
  const told: TimelineEntry[] = [];
  for (const notification of input.notifications) {
    const entry = await tell(deps, notification);
    if (entry) told.push(entry);
  }
  // Written even when nobody was told, so the request's steps have no gap.
  if (input.notifications.length > 0)
    await projectStep(deps.sql, { ...input.told, openedTasks: [], closedTasks: [], timeline: told });
}

/** The timeline entry for one notification: who was told, or the incident a refused message became. */
async function tell(deps: NotifyDependencies, notification: NotifyInput): Promise<TimelineEntry | undefined> {
  try {
    const told = await notify(deps, notification);
    if (told.recipients.length === 0 && !told.followers) return undefined;
    const kind = notification.event === 'acknowledgement' ? 'acknowledged' : 'notified';
    return { kind, payload: { event: notification.event, ...told } };
  } catch (error) {
    // Only a message refused past its attempts (notifications/rejection.ts) stops here; anything
    // else — PostgreSQL, SMTP or the gateway away — fails the activity, which is retried.
    if (!(error instanceof ApplicationFailure && error.type === 'NOTIFICATION_REJECTED')) throw error;
    return { kind: 'incident', payload: { what: 'notification', event: notification.event, message: error.message } };
  }
}

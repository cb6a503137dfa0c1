import { TASK_QUEUE } from '@parvis/workers/messages';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { ApiContext } from '../common/context.ts';
import type { AppointmentRow } from './repository.ts';

/**
 * Plans the reminder of a booked or moved appointment: a workflow that sleeps until its kind's
 * reminder time, then sends it unless the appointment was cancelled or moved since (its sequence
 * changed; the move planned another). None for a kind without reminders or with nobody to reach;
 * a reminder already due goes at once. Started after the booking committed: should Temporal be
 * down then, the appointment stands and the log says its reminder was not planned.
 */
export async function planReminder(ctx: Pick<ApiContext, 'temporal' | 'log'>, appointment: AppointmentRow) {
  if (appointment.kind.reminderMinutes === 0 || (!appointment.email && !appointment.phone)) return;
  const remindAt = new Date(Date.parse(appointment.startsAt) - appointment.kind.reminderMinutes * 60_000).toISOString();
  try {
    await ctx.temporal.workflow.start('appointmentReminderWorkflow', {
      taskQueue: TASK_QUEUE,
      workflowId: `appointment-${appointment.id}/reminder-${appointment.sequence}`,
      args: [{ appointmentId: appointment.id, sequence: appointment.sequence, remindAt }],
    });
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return;
    ctx.log(`appointment ${appointment.id}: its reminder could not be planned (${(error as Error).message})`);
  }
}

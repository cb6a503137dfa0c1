// Sandbox-safe: waits until an appointment's reminder is due, then sends it (started by the API
// when an appointment is booked or moved; workflow id `appointment-<id>/reminder-<sequence>`, so
// the appointment's payloads share one data key).
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { AppointmentReminder, appointmentActivities } from '../appointments/reminder.ts';

const io = proxyActivities<ReturnType<typeof appointmentActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '30 seconds', maximumInterval: '10 minutes', maximumAttempts: 10 },
});

/** The reminder's instant (ISO); a reminder already due is sent at once. */
export async function appointmentReminderWorkflow(
  input: AppointmentReminder & { remindAt: string },
): Promise<'EMAIL' | 'SMS' | null> {
  const wait = Date.parse(input.remindAt) - Date.now();
  if (wait > 0) await sleep(wait);
  return io.remindAppointment({ appointmentId: input.appointmentId, sequence: input.sequence });
}

import type { ApiContext } from '../common/context.ts';
import { type Change, sendConfirmation } from './confirmation.ts';
import { planReminder } from './reminder.ts';
import type { AppointmentRow } from './repository.ts';

/**
 * After a booking, a move or a cancellation, whoever made it: the person gets the confirmation (with
 * its .ics), and a booked appointment its reminder; answers the appointment.
 */
export async function tellBooker(
  ctx: Pick<ApiContext, 'db' | 'mailer' | 'log' | 'temporal'>,
  town: string,
  appointment: AppointmentRow,
  change: Change,
): Promise<AppointmentRow> {
  await sendConfirmation(ctx, town, appointment, change);
  if (change !== 'CANCELLED') await planReminder(ctx, appointment);
  return appointment;
}

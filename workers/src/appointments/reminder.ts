// Node only: the reminder of an appointment, sent by the workflow that waited for its time
// (workflows/appointment-reminder.ts). E-mail when the person gave an address, else SMS.
import type { Transporter } from 'nodemailer';
import type { Sql } from 'postgres';
import type { SmsGateway } from '../notifications/sms-gateway.ts';

/** Which appointment, as it was when its reminder was planned (a move or cancellation raises the sequence). */
export interface AppointmentReminder {
  appointmentId: string;
  sequence: number;
}

interface DueRow {
  email: string | null;
  phone: string | null;
  starts_at: Date;
  kind_fr: string;
  kind_en: string;
  resource: string;
  location: string | null;
  town: string;
  time_zone: string;
}

const when = (instant: Date, locale: string, timeZone: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(instant);

/**
 * Reminds the person of a booked appointment, once: nothing for one cancelled, moved since
 * (another reminder was planned for its new time) or already reminded. Answers how it was sent.
 */
export async function remindAppointment(
  deps: { sql: Sql; mailer: Transporter; sms: SmsGateway },
  reminder: AppointmentReminder,
): Promise<'EMAIL' | 'SMS' | null> {
  const [due] = await deps.sql<DueRow[]>`
    select a.email, a.phone, a.starts_at, k.name_fr as kind_fr, k.name_en as kind_en, r.name as resource, r.location,
      m.name as town, m.time_zone
    from appointments a join appointment_kinds k on k.id = a.kind_id join appointment_resources r on r.id = a.resource_id
      join municipalities m on m.id = a.municipality_id
    where a.id = ${reminder.appointmentId} and a.sequence = ${reminder.sequence} and a.status = 'BOOKED'
      and a.reminded_at is null and a.starts_at > now()`;
  if (!due || (!due.email && !due.phone)) return null;
  const place = [due.resource, due.location, due.town].filter(Boolean).join(', ');
  const fr = when(due.starts_at, 'fr-FR', due.time_zone);
  const channel = due.email ? 'EMAIL' : 'SMS';
  if (due.email) {
    await deps.mailer.sendMail({
      from: { name: due.town, address: 'ne-pas-repondre@parvis.local' },
      to: due.email,
      subject: 'Rappel de votre rendez-vous / Appointment reminder',
      text:
        `Bonjour,\n\nNous vous rappelons votre rendez-vous « ${due.kind_fr} » : ${fr}, ${place}.\n\n` +
        `A reminder of your appointment "${due.kind_en}": ${when(due.starts_at, 'en-GB', due.time_zone)}, ${place}.\n\n` +
        due.town,
    });
  } else {
    await deps.sms.send(due.phone!, `${due.town} : rappel de votre rendez-vous « ${due.kind_fr} », ${fr}, ${place}.`);
  }
  await deps.sql`update appointments set reminded_at = now(), reminded_by = ${channel}
    where id = ${reminder.appointmentId} and reminded_at is null`;
  return channel;
}

/** The appointments' activities, bound to their I/O. */
export function appointmentActivities(deps: { sql: Sql; mailer: Transporter; sms: SmsGateway }) {
  return {
    /** Sends an appointment's reminder, once, unless it was cancelled or moved since. */
    remindAppointment(reminder: AppointmentReminder): Promise<'EMAIL' | 'SMS' | null> {
      return remindAppointment(deps, reminder);
    },
  };
}

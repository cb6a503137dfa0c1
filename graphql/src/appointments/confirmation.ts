import { calendarFile } from '@parvis/engine';
import type { ApiContext } from '../common/context.ts';
import type { AppointmentRow } from './repository.ts';

/** What happened to the appointment the mail tells about. */
export type Change = 'BOOKED' | 'MOVED' | 'CANCELLED';

const SUBJECTS: Record<Change, string> = {
  BOOKED: 'Votre rendez-vous est confirmé / Your appointment is confirmed',
  MOVED: 'Votre rendez-vous est déplacé / Your appointment has moved',
  CANCELLED: 'Votre rendez-vous est annulé / Your appointment is cancelled',
};

const when = (iso: string, locale: string, timeZone: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(new Date(iso));

/**
 * Tells the person by e-mail, with the appointment's .ics attached (the same UID each time, so their
 * calendar replaces or removes the entry). A mail that cannot leave does not undo the booking: the
 * agent sees the appointment and the person was told at the counter or on the phone.
 */
export async function sendConfirmation(
  ctx: Pick<ApiContext, 'db' | 'mailer' | 'log'>,
  town: string,
  appointment: AppointmentRow,
  change: Change,
) {
  if (!appointment.email) return;
  const [place] = await ctx.db.within(
    town,
    (tx) =>
      tx<
        { name: string; timeZone: string }[]
      >`select name, time_zone as "timeZone" from municipalities where id = ${town}`,
  );
  if (!place) return;
  const location = [appointment.resource.name, appointment.resource.location, place.name].filter(Boolean).join(', ');
  const summary = `${appointment.kind.nameFr} — ${place.name}`;
  const ics = calendarFile({
    uid: `${appointment.id}@parvis`,
    sequence: appointment.sequence,
    stamp: new Date().toISOString(),
    startsAt: appointment.startsAt,
    endsAt: appointment.endsAt,
    summary,
    location,
    cancelled: change === 'CANCELLED',
  });
  const fr = when(appointment.startsAt, 'fr-FR', place.timeZone);
  const en = when(appointment.startsAt, 'en-GB', place.timeZone);
  const text =
    change === 'CANCELLED'
      ? `Bonjour,\n\nVotre rendez-vous « ${appointment.kind.nameFr} » du ${fr} est annulé.\n\n` +
        `Your appointment "${appointment.kind.nameEn}" on ${en} is cancelled.\n\n${place.name}`
      : `Bonjour,\n\nVotre rendez-vous « ${appointment.kind.nameFr} » : ${fr}, ${location}.\n` +
        'Le fichier joint l’ajoute à votre agenda.\n\n' +
        `Your appointment "${appointment.kind.nameEn}": ${en}, ${location}.\n` +
        'The attached file adds it to your calendar.\n\n' +
        place.name;
  try {
    await ctx.mailer.send({
      to: appointment.email,
      subject: SUBJECTS[change],
      text,
      fromName: place.name,
      attachments: [
        {
          filename: 'rendez-vous.ics',
          content: Buffer.from(ics, 'utf8'),
          contentType: `text/calendar; charset=utf-8; method=${change === 'CANCELLED' ? 'CANCEL' : 'PUBLISH'}`,
          contentDisposition: 'attachment',
        },
      ],
    });
  } catch {
    ctx.log(`appointment ${appointment.id}: the confirmation mail could not be sent`);
  }
}

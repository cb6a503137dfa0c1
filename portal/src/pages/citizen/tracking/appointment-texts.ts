import type { Lang } from '../../../composables/useI18n.ts';

// The appointment panel's words, with the panel (loaded only for a request that invites to book,
// so they stay out of the tracking page's first load).
const TEXTS = {
  fr: {
    title: 'Prendre rendez-vous',
    titleBooked: 'Votre rendez-vous',
    intro: 'La mairie vous demande de prendre rendez-vous : {kind} ({minutes} min).',
    day: 'Jour du rendez-vous',
    previous: 'Jour précédent',
    next: 'Jour suivant',
    slots: 'Créneaux libres le {day}',
    none: 'Aucun créneau libre ce jour-là : essayez un autre jour.',
    book: 'Réserver ce créneau',
    moveTo: 'Déplacer le rendez-vous à ce créneau',
    booked: 'Rendez-vous confirmé le {when}.',
    at: 'Rendez-vous le {when}.',
    where: 'Lieu : {where}.',
    mail: 'Une confirmation vous est envoyée par e-mail, avec le rendez-vous à ajouter à votre agenda.',
    move: 'Déplacer',
    keep: 'Garder ce rendez-vous',
    cancel: 'Annuler le rendez-vous',
    cancelled: 'Rendez-vous annulé. Vous pouvez en prendre un autre.',
    moved: 'Rendez-vous déplacé au {when}.',
    pick: 'Choisissez un créneau.',
  },
  en: {
    title: 'Book an appointment',
    titleBooked: 'Your appointment',
    intro: 'The town hall asks you to book an appointment: {kind} ({minutes} min).',
    day: 'Day of the appointment',
    previous: 'Previous day',
    next: 'Next day',
    slots: 'Free slots on {day}',
    none: 'No free slot that day: try another day.',
    book: 'Book this slot',
    moveTo: 'Move the appointment to this slot',
    booked: 'Appointment confirmed on {when}.',
    at: 'Appointment on {when}.',
    where: 'Place: {where}.',
    mail: 'A confirmation is sent to you by e-mail, with the appointment to add to your calendar.',
    move: 'Move',
    keep: 'Keep this appointment',
    cancel: 'Cancel the appointment',
    cancelled: 'Appointment cancelled. You may book another one.',
    moved: 'Appointment moved to {when}.',
    pick: 'Choose a slot.',
  },
};

export type AppointmentWord = keyof (typeof TEXTS)['fr'];

export function appointmentText(
  lang: Lang,
  key: AppointmentWord,
  values: Record<string, string | number> = {},
): string {
  return TEXTS[lang === 'en' ? 'en' : 'fr'][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

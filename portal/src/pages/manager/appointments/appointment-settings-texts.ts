// Words of the managers' appointment settings, French first, English second.

import { intlLocale, type Lang } from '../../../composables/useI18n.ts';

const fr = {
  nav: 'Rendez-vous',
  title: 'Rendez-vous : ressources et types',
  intro:
    'Les guichets et salles que l’on réserve, leurs horaires d’ouverture dans la semaine (fermetures et jours fériés de la commune les ferment), et les types de rendez-vous avec leur durée.',
  resources: 'Ressources',
  noResource: 'Aucune ressource pour le moment.',
  capacityOf: '{capacity} personne(s) par créneau',
  edit: 'Modifier {name}',
  'resource.new': 'Nouvelle ressource',
  'resource.editing': 'Modifier la ressource {name}',
  name: 'Nom',
  kind: 'Nature',
  'kind.COUNTER': 'Guichet',
  'kind.ROOM': 'Salle',
  'kind.AGENT': 'Agent',
  capacity: 'Personnes par créneau',
  location: 'Lieu (écrit dans la confirmation)',
  openings: 'Horaires d’ouverture',
  weekday: 'Jour',
  opens: 'Ouvre à',
  closes: 'Ferme à',
  addOpening: 'Ajouter une plage horaire',
  removeOpening: 'Retirer la plage {n}',
  save: 'Enregistrer',
  cancel: 'Annuler',
  saved: '« {name} » est enregistré.',
  kinds: 'Types de rendez-vous',
  noKind: 'Aucun type de rendez-vous pour le moment.',
  'kind.new': 'Nouveau type de rendez-vous',
  'kind.editing': 'Modifier le type {name}',
  key: 'Clé (celle que nomment les démarches : lettres minuscules, chiffres, tirets)',
  nameFr: 'Nom en français',
  nameEn: 'Nom en anglais',
  minutes: 'Durée d’un créneau (minutes)',
  reminder: 'Rappel avant le rendez-vous (heures ; 0 : aucun)',
  servedBy: 'Ressources qui le reçoivent',
  kindLine: '{minutes} min · rappel {reminder} · {resources}',
  noReminder: 'aucun',
  hours: '{hours} h avant',
};

const en: typeof fr = {
  nav: 'Appointments',
  title: 'Appointments: resources and kinds',
  intro:
    'The counters and rooms people book, their weekly opening hours (the town’s closures and public holidays close them), and the kinds of appointment with their length.',
  resources: 'Resources',
  noResource: 'No resource yet.',
  capacityOf: '{capacity} person(s) per slot',
  edit: 'Change {name}',
  'resource.new': 'New resource',
  'resource.editing': 'Change the resource {name}',
  name: 'Name',
  kind: 'Kind',
  'kind.COUNTER': 'Counter',
  'kind.ROOM': 'Room',
  'kind.AGENT': 'Agent',
  capacity: 'People per slot',
  location: 'Place (written in the confirmation)',
  openings: 'Opening hours',
  weekday: 'Day',
  opens: 'Opens at',
  closes: 'Closes at',
  addOpening: 'Add opening hours',
  removeOpening: 'Remove opening hours {n}',
  save: 'Save',
  cancel: 'Cancel',
  saved: '« {name} » is saved.',
  kinds: 'Kinds of appointment',
  noKind: 'No kind of appointment yet.',
  'kind.new': 'New kind of appointment',
  'kind.editing': 'Change the kind {name}',
  key: 'Key (the one procedures name: lower-case letters, digits, dashes)',
  nameFr: 'Name in French',
  nameEn: 'Name in English',
  minutes: 'Length of a slot (minutes)',
  reminder: 'Reminder before the appointment (hours; 0: none)',
  servedBy: 'Resources that receive it',
  kindLine: '{minutes} min · reminder {reminder} · {resources}',
  noReminder: 'none',
  hours: '{hours} h before',
};

export type AppointmentSettingsText = keyof typeof fr;

export function appointmentSettingsText(
  lang: Lang,
  key: AppointmentSettingsText,
  values: Record<string, string | number> = {},
): string {
  return (lang === 'en' ? en : fr)[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** « lundi » for ISO weekday 1. */
export function weekdayName(lang: Lang, weekday: number): string {
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(intlLocale(lang), { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, weekday)),
  );
}

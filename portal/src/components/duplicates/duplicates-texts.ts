// Words of the duplicates panels (the citizen's before filing, the agent's on a request), French first.

import { intlLocale, type Lang } from '../../composables/useI18n.ts';

const fr = {
  nearbyTitle: 'Déjà signalé près d’ici ?',
  nearbyIntro:
    '{count} signalement(s) de ce type, encore ouvert(s), à moins de {meters} m. Si c’est le même problème, suivez-le plutôt que d’en envoyer un nouveau : vous serez prévenu(e) par e-mail quand il sera réglé.',
  nearbyNone: 'Aucun signalement ouvert de ce type à moins de {meters} m : le vôtre sera le premier.',
  distance: 'à {meters} m',
  reportedOn: 'signalé le {date}',
  'status.submitted': 'Reçu',
  'status.inProgress': 'En cours de traitement',
  'status.closed': 'Traité',
  follow: 'Suivre ce signalement',
  followTitle: 'Suivre « {category} »',
  followEmail: 'Votre adresse e-mail',
  followHint: 'Elle sert uniquement à vous prévenir quand ce signalement sera réglé.',
  followConfirm: 'Suivre',
  followCancel: 'Annuler',
  following: 'Envoi…',
  followed:
    'C’est noté : vous serez prévenu(e) par e-mail quand ce signalement sera réglé. Inutile d’envoyer le vôtre, sauf s’il s’agit d’un autre problème.',
  duplicatesTitle: 'Doublons probables',
  duplicatesIntro:
    'Demandes ouvertes de la même démarche et de la même catégorie, à proximité. Rattacher un doublon le clôt : son auteur en est informé et sera prévenu quand celle-ci sera réglée.',
  duplicatesNone: 'Aucune demande ouverte semblable à proximité.',
  merge: 'Rattacher {code} à cette demande',
  mergeConfirm: 'Rattacher {code} à {main} ? {code} sera close et son auteur informé.',
  mergeYes: 'Oui, rattacher',
  mergeNo: 'Annuler',
  merging: 'Rattachement…',
  merged: '{code} est rattachée à cette demande et close ; son auteur en est informé.',
  mergedHere: 'Doublons rattachés à cette demande : {codes}',
  mergedInto: 'Cette demande a été rattachée le {date}, comme doublon, à la demande',
  mergedIntoCitizen:
    'Votre demande a été rattachée le {date} à la demande {code}, qui porte sur le même problème : vous serez prévenu(e) quand elle sera réglée. Son état : {status}.',
};

const en: Record<keyof typeof fr, string> = {
  nearbyTitle: 'Already reported nearby?',
  nearbyIntro:
    '{count} open report(s) of this kind within {meters} m. If it is the same problem, follow it instead of sending a new one: we will e-mail you once it is solved.',
  nearbyNone: 'No open report of this kind within {meters} m: yours will be the first.',
  distance: '{meters} m away',
  reportedOn: 'reported on {date}',
  'status.submitted': 'Received',
  'status.inProgress': 'Being dealt with',
  'status.closed': 'Dealt with',
  follow: 'Follow this report',
  followTitle: 'Follow “{category}”',
  followEmail: 'Your e-mail address',
  followHint: 'It is only used to tell you when this report is solved.',
  followConfirm: 'Follow',
  followCancel: 'Cancel',
  following: 'Sending…',
  followed:
    'Done: we will e-mail you once this report is solved. No need to send yours, unless it is about another problem.',
  duplicatesTitle: 'Likely duplicates',
  duplicatesIntro:
    'Open requests of the same procedure and category, nearby. Merging a duplicate closes it: its author is told, and will hear when this one is solved.',
  duplicatesNone: 'No similar open request nearby.',
  merge: 'Merge {code} into this request',
  mergeConfirm: 'Merge {code} into {main}? {code} will close and its author will be told.',
  mergeYes: 'Yes, merge',
  mergeNo: 'Cancel',
  merging: 'Merging…',
  merged: '{code} is merged into this request and closed; its author is told.',
  mergedHere: 'Duplicates merged into this request: {codes}',
  mergedInto: 'This request was merged on {date}, as a duplicate, into request',
  mergedIntoCitizen:
    'Your request was merged on {date} into request {code}, about the same problem: you will hear when it is solved. Its status: {status}.',
};

export type DuplicatesText = keyof typeof fr;

export function duplicatesText(lang: Lang, key: DuplicatesText, params: Record<string, string | number> = {}): string {
  return (lang === 'en' ? en : fr)[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A refusal's words from the API (« français. / English. »), in the page's language. */
export function refusalIn(lang: Lang, message: string): string {
  const [french, english] = message.split(' / ');
  return (lang === 'en' ? english : french) ?? message;
}

/** A day in words in the page's language: « 6 décembre 2026 » / "6 December 2026". */
export function dayInWords(lang: Lang, iso: string): string {
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'long' }).format(new Date(iso));
}

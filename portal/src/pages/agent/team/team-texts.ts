// Words of team work (assigning tasks, absences, bulk actions), French first, English second.
import type { Lang } from '../../../composables/useI18n.ts';

const fr = {
  assignTo: 'Attribuer à',
  assign: 'Attribuer',
  reassign: 'Réattribuer',
  release: 'Rendre au groupe',
  claim: 'Prendre',
  absent: '{name} (absent·e)',
  assigned: 'Tâche « {task} » attribuée à {name}.',
  released: 'Tâche « {task} » rendue à ses groupes.',
  chooseAgent: 'Choisissez un agent',
  // absences
  absencesTitle: 'Mes absences',
  absencesTitleManager: 'Absences',
  absencesIntro:
    'Pendant une absence, vous ne recevez aucune nouvelle tâche, et vos tâches ouvertes retournent à vos groupes dès qu’elle commence : vos collègues peuvent les prendre.',
  declare: 'Déclarer une absence',
  who: 'Agent',
  myself: 'Moi',
  startsAt: 'Du',
  endsAt: 'Au',
  reason: 'Motif (facultatif, visible des responsables)',
  save: 'Enregistrer l’absence',
  saving: 'Enregistrement…',
  declared: 'Absence enregistrée.',
  cancel: 'Annuler cette absence',
  cancelled: 'Absence annulée.',
  none: 'Aucune absence en cours ou à venir.',
  current: 'Absences en cours et à venir',
  period: 'du {from} au {to}',
  now: 'en cours',
  // bulk actions
  bulkTitle: 'Actions sur la sélection',
  bulkNone: 'Cochez des demandes dans la liste pour agir sur plusieurs à la fois.',
  bulkSelected: '{count} demande(s) choisie(s).',
  bulkAction: 'Action',
  'bulk.assign': 'Attribuer leurs tâches ouvertes',
  'bulk.claim': 'Prendre leurs tâches ouvertes',
  'bulk.message': 'Écrire à chaque habitant',
  'bulk.close': 'Clore avec une réponse',
  message: 'Message (chaque habitant le reçoit sur sa demande, avec son code de suivi)',
  send: 'Envoyer',
  run: 'Appliquer',
  running: 'En cours : {done} sur {count}…',
  closeIntro:
    'Les demandes choisies attendent la même étape « {task} » : la réponse ci-dessous la termine pour chacune, comme si vous la remplissiez une à une.',
  closeMixed:
    'Les demandes choisies n’attendent pas toutes la même étape à formulaire : choisissez des demandes d’une même démarche, à la même étape ({steps}).',
  closeNothing: 'Aucune des demandes choisies n’a d’étape ouverte que vous pouvez traiter.',
  loadingTasks: 'Lecture des étapes ouvertes…',
  result: 'Résultat',
  done: '{ok} demande(s) traitée(s), {failed} refusée(s).',
  ok: 'Fait',
  skipped: 'Rien à faire : {why}',
  noOpenTask: 'aucune tâche ouverte pour les groupes de cet agent',
  failedWith: 'Refusé : {message}',
};

const en: Record<keyof typeof fr, string> = {
  assignTo: 'Assign to',
  assign: 'Assign',
  reassign: 'Reassign',
  release: 'Give back to the group',
  claim: 'Claim',
  absent: '{name} (away)',
  assigned: 'Task “{task}” assigned to {name}.',
  released: 'Task “{task}” given back to its groups.',
  chooseAgent: 'Choose an agent',
  absencesTitle: 'My absences',
  absencesTitleManager: 'Absences',
  absencesIntro:
    'While you are away you get no new task, and your open tasks go back to your groups as soon as the absence begins: colleagues may take them.',
  declare: 'Declare an absence',
  who: 'Agent',
  myself: 'Me',
  startsAt: 'From',
  endsAt: 'To',
  reason: 'Reason (optional, seen by managers)',
  save: 'Save the absence',
  saving: 'Saving…',
  declared: 'Absence saved.',
  cancel: 'Cancel this absence',
  cancelled: 'Absence cancelled.',
  none: 'No current or coming absence.',
  current: 'Current and coming absences',
  period: 'from {from} to {to}',
  now: 'now',
  bulkTitle: 'Actions on the selection',
  bulkNone: 'Tick requests in the list to act on several at once.',
  bulkSelected: '{count} request(s) selected.',
  bulkAction: 'Action',
  'bulk.assign': 'Assign their open tasks',
  'bulk.claim': 'Claim their open tasks',
  'bulk.message': 'Write to each citizen',
  'bulk.close': 'Close with a reply',
  message: 'Message (each citizen gets it on their request, with its tracking code)',
  send: 'Send',
  run: 'Apply',
  running: 'Working: {done} of {count}…',
  closeIntro:
    'The selected requests wait at the same step “{task}”: the answer below completes it for each, as if you filled it in one by one.',
  closeMixed:
    'The selected requests do not all wait at the same step with a form: choose requests of one procedure, at the same step ({steps}).',
  closeNothing: 'None of the selected requests has an open step you may handle.',
  loadingTasks: 'Reading the open steps…',
  result: 'Result',
  done: '{ok} request(s) done, {failed} refused.',
  ok: 'Done',
  skipped: 'Nothing to do: {why}',
  noOpenTask: 'no open task for this agent’s groups',
  failedWith: 'Refused: {message}',
};

export type TeamText = keyof typeof fr;

/** A text of team work in the language asked, with `{name}` parameters filled. */
export function teamText(lang: Lang, key: TeamText, params: Record<string, string | number> = {}): string {
  return (lang === 'en' ? en : fr)[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

// Words of the agent's request page (the 360° view), French first, English second.
import type { Lang } from '../../../composables/useI18n.ts';

const fr = {
  title: 'Demande {code}',
  back: 'Retour aux tâches',
  backToList: 'Toutes les demandes',
  summary: 'En bref',
  channel: 'Reçue par :',
  citizenRecord: 'Fiche de l’habitant : toutes ses demandes et ses échanges',
  deadline: 'Délai :',
  data: 'Informations données',
  documents: 'Documents',
  noDocuments: 'Aucun document pour l’instant.',
  files: 'Pièces jointes',
  tasks: 'Tâches et qui les tient',
  noTasks: 'Aucune tâche n’a été ouverte pour cette demande.',
  task: 'Tâche',
  state: 'État',
  holder: 'Qui la tient',
  'status.open': 'Ouverte',
  'status.completed': 'Terminée',
  'status.cancelled': 'Annulée',
  me: 'Moi',
  groups: 'Ses groupes : {groups}',
  completedBy: 'Terminée par {name}',
  openedAt: 'Ouverte le {date}',
  closedAt: 'Close le {date}',
  history: 'Historique',
  notFound: 'Cette demande n’existe pas ou ne concerne pas vos groupes.',
  open: 'Voir toute la demande {code}',
  nearby: 'Les demandes à moins de {metres} m de ce lieu',
};

const en: Record<keyof typeof fr, string> = {
  title: 'Request {code}',
  back: 'Back to the tasks',
  backToList: 'All requests',
  summary: 'In short',
  channel: 'Received by:',
  citizenRecord: 'The citizen’s record: all their requests and exchanges',
  deadline: 'Deadline:',
  data: 'Information given',
  documents: 'Documents',
  noDocuments: 'No document yet.',
  files: 'Attachments',
  tasks: 'Tasks and who holds them',
  noTasks: 'No task has been opened for this request.',
  task: 'Task',
  state: 'State',
  holder: 'Held by',
  'status.open': 'Open',
  'status.completed': 'Completed',
  'status.cancelled': 'Cancelled',
  me: 'Me',
  groups: 'Its groups: {groups}',
  completedBy: 'Completed by {name}',
  openedAt: 'Opened {date}',
  closedAt: 'Closed {date}',
  history: 'History',
  notFound: 'This request does not exist or does not concern your groups.',
  open: 'See the whole request {code}',
  nearby: 'Requests within {metres} m of this place',
};

export type RequestText = keyof typeof fr;

/** A text of the request page in the language asked, with `{name}` parameters filled. */
export function requestText(lang: Lang, key: RequestText, params: Record<string, string | number> = {}): string {
  return (lang === 'en' ? en : fr)[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

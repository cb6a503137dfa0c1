// Words of the inbox's filters and actions, French first, English second.
import type { Lang } from '../../composables/useI18n.ts';

const fr = {
  filters: 'Filtrer les tâches',
  caption: 'Tâches ouvertes, les plus urgentes d’abord (en retard, en risque, puis par échéance)',
  scope: 'Tâches',
  'scope.ALL': 'Tout ce que je peux voir',
  'scope.GROUPS': 'Celles de mes groupes',
  'scope.MINE': 'Les miennes',
  channel: 'Canal',
  procedure: 'Démarche',
  sla: 'Délai',
  all: 'Tous',
  search: 'Rechercher (code de suivi, tâche, mots de la demande)',
  apply: 'Filtrer',
  clear: 'Effacer les filtres',
  count: '{count} tâche(s)',
  none: 'Aucune tâche ne correspond à ces filtres.',
  deadline: 'Délai',
  due: 'échéance {date}',
  assignee: 'Attribuée à',
  nobody: 'Personne',
  me: 'Moi',
  actions: 'Actions',
  claim: 'Prendre',
  release: 'Rendre au groupe',
  claimed: 'Tâche « {task} » prise.',
  released: 'Tâche « {task} » rendue au groupe.',
  refresh: 'Actualiser',
  'sla.onTime': 'Dans les délais',
  'sla.atRisk': 'En risque',
  'sla.breached': 'En retard',
  'sla.paused': 'Suspendu',
};

const en: Record<keyof typeof fr, string> = {
  filters: 'Filter the tasks',
  caption: 'Open tasks, the most urgent first (late, at risk, then by deadline)',
  scope: 'Tasks',
  'scope.ALL': 'All I may see',
  'scope.GROUPS': 'My groups’',
  'scope.MINE': 'Mine',
  channel: 'Channel',
  procedure: 'Procedure',
  sla: 'Deadline',
  all: 'All',
  search: 'Search (tracking code, task, words of the request)',
  apply: 'Filter',
  clear: 'Clear the filters',
  count: '{count} task(s)',
  none: 'No task matches these filters.',
  deadline: 'Deadline',
  due: 'due {date}',
  assignee: 'Assigned to',
  nobody: 'Nobody',
  me: 'Me',
  actions: 'Actions',
  claim: 'Claim',
  release: 'Give back to the group',
  claimed: 'Task “{task}” claimed.',
  released: 'Task “{task}” given back to the group.',
  refresh: 'Refresh',
  'sla.onTime': 'On time',
  'sla.atRisk': 'At risk',
  'sla.breached': 'Late',
  'sla.paused': 'Paused',
};

export type InboxText = keyof typeof fr;

/** A text of the inbox in the language asked, with `{name}` parameters filled. */
export function inboxText(lang: Lang, key: InboxText, params: Record<string, string | number> = {}): string {
  return (lang === 'en' ? en : fr)[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

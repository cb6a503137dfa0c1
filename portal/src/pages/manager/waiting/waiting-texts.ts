// Words of the heatmap page (where requests wait, issue 21 point 3), French first, English second.
import type { Lang } from '../../../composables/useI18n.ts';

const fr = {
  'nav.waiting': 'Où attendent les demandes',
  title: 'Où attendent les demandes',
  intro:
    'Pour une démarche et une période : combien de demandes sont passées par chaque étape de son schéma, combien de temps elles y sont restées (médiane et 90e centile), où les délais ont été dépassés, et la charge de chaque groupe et de chaque agent.',
  'form.legend': 'Démarche et période',
  'form.procedure': 'Démarche',
  'form.from': 'Du',
  'form.to': 'Au',
  'form.apply': 'Afficher',
  'form.last90': '90 derniers jours',
  csv: 'Télécharger les chiffres (CSV)',
  summary: '{procedure}, version {version}, du {from} au {to} : {requests} demande(s) passée(s) par une étape.',
  'diagram.label':
    'Schéma de la démarche {procedure} (version {version}), coloré selon le nombre de demandes passées par chaque étape',
  'diagram.legend':
    'Plus une étape est foncée et épaisse, plus de demandes y sont passées. Sur chaque étape : demandes passées · durée médiane. Les mêmes chiffres sont dans le tableau ci-dessous.',
  'diagram.failed': 'Le schéma n’a pas pu être dessiné : {message}',
  badge: '{requests} · méd. {median}',
  'elements.title': 'Étapes',
  'elements.step': 'Étape',
  'elements.requests': 'Demandes passées',
  'elements.waiting': 'Encore là',
  'elements.median': 'Durée médiane',
  'elements.p90': '90e centile',
  'elements.missed': 'Délais dépassés',
  'missed.title': 'Étapes où des délais ont été dépassés',
  'missed.item': '{step} : {count} délai(s) dépassé(s) sur {requests} passage(s)',
  'missed.none': 'Aucun délai dépassé sur cette période.',
  'groups.title': 'Charge par groupe',
  'agents.title': 'Charge par agent',
  'load.who': 'Qui',
  'load.open': 'Tâches ouvertes',
  'load.completed': 'Tâches terminées',
  'load.median': 'Durée médiane',
  'load.missed': 'Délais dépassés',
  'load.none': 'Aucune tâche sur cette période.',
  'procedures.none': 'Aucune démarche publiée dans votre commune.',
};

const en: typeof fr = {
  'nav.waiting': 'Where requests wait',
  title: 'Where requests wait',
  intro:
    'For a procedure and a period: how many requests passed each step of its diagram, how long they stayed (median and 90th percentile), where deadlines were missed, and the load of each group and agent.',
  'form.legend': 'Procedure and period',
  'form.procedure': 'Procedure',
  'form.from': 'From',
  'form.to': 'To',
  'form.apply': 'Show',
  'form.last90': 'Last 90 days',
  csv: 'Download the figures (CSV)',
  summary: '{procedure}, version {version}, from {from} to {to}: {requests} request(s) entered a step.',
  'diagram.label':
    'Diagram of the procedure {procedure} (version {version}), coloured by how many requests passed each step',
  'diagram.legend':
    'The darker and thicker a step, the more requests passed it. On each step: requests passed · median time. The same figures are in the table below.',
  'diagram.failed': 'The diagram could not be drawn: {message}',
  badge: '{requests} · med. {median}',
  'elements.title': 'Steps',
  'elements.step': 'Step',
  'elements.requests': 'Requests passed',
  'elements.waiting': 'Still there',
  'elements.median': 'Median time',
  'elements.p90': '90th percentile',
  'elements.missed': 'Deadlines missed',
  'missed.title': 'Steps where deadlines were missed',
  'missed.item': '{step}: {count} deadline(s) missed out of {requests} passage(s)',
  'missed.none': 'No deadline missed over this period.',
  'groups.title': 'Load per group',
  'agents.title': 'Load per agent',
  'load.who': 'Who',
  'load.open': 'Open tasks',
  'load.completed': 'Completed tasks',
  'load.median': 'Median time',
  'load.missed': 'Deadlines missed',
  'load.none': 'No task over this period.',
  'procedures.none': 'No published procedure in your town.',
};

export type WaitingText = keyof typeof fr;

/** A text of the heatmap page in the language asked, with `{name}` parameters filled. */
export function waitingText(lang: Lang, key: WaitingText, params: Record<string, string | number> = {}): string {
  return (lang === 'en' ? en : fr)[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

// Words of the request page's completeness panel (CRPA art. L114-5), French first, English second.
import type { Lang } from '../../../composables/useI18n.ts';

const fr = {
  title: 'Complétude du dossier',
  complete: 'Dossier complet.',
  completeSince: 'Dossier complet depuis le {date} : les délais courent depuis cette date.',
  incomplete: 'Dossier incomplet depuis le {date} (déclaré par {by}). Pièces attendues au plus tard le {deadline} :',
  legend: 'Pièces manquantes',
  declareIncomplete: 'Déclarer le dossier incomplet',
  declareComplete: 'Déclarer le dossier complet',
  hint: 'L’habitant reçoit la liste des pièces et la date limite ; la décision implicite et le délai de traitement attendent que le dossier soit complet.',
  choose: 'Cochez au moins une pièce manquante.',
  declared: 'C’est noté : l’habitant en est informé par e-mail.',
  busy: 'Enregistrement…',
};

const en: Record<keyof typeof fr, string> = {
  title: 'Completeness of the file',
  complete: 'The file is complete.',
  completeSince: 'The file has been complete since {date}: the delays run from that date.',
  incomplete: 'The file has been incomplete since {date} (declared by {by}). Pieces expected by {deadline}:',
  legend: 'Missing pieces',
  declareIncomplete: 'Declare the file incomplete',
  declareComplete: 'Declare the file complete',
  hint: 'The citizen receives the list of pieces and the deadline; the implicit decision and the processing time wait until the file is complete.',
  choose: 'Tick at least one missing piece.',
  declared: 'Done: the citizen is told by e-mail.',
  busy: 'Saving…',
};

export type CompletenessText = keyof typeof fr;

/** A text of the completeness panel in the language asked, with `{name}` parameters filled. */
export function completenessText(lang: Lang, key: CompletenessText, params: Record<string, string> = {}): string {
  return (lang === 'en' ? en : fr)[key].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

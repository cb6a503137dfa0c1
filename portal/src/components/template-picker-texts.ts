// Words of the template picker, French first, English second.
import type { Lang } from '../composables/useI18n.ts';

const fr = {
  'label.reply': 'Modèle de réponse',
  'label.letter': 'Modèle de courrier',
  none: 'Choisir un modèle…',
  empty: 'Aucun modèle pour cette demande : les responsables les rédigent dans « Modèles de réponse ».',
  preview: 'Aperçu avec les valeurs de la demande {code}',
  subject: 'Objet :',
  english: 'Version anglaise',
  use: 'Utiliser ce modèle',
  loading: 'Chargement de l’aperçu…',
  forEvery: 'toutes les démarches',
  'letter.choose': 'Prendre ce modèle pour le courrier',
  'letter.print': 'Imprimer le courrier d’accusé de réception (PDF)',
  'letter.printChosen': 'Imprimer le courrier avec le modèle choisi (PDF)',
};

const en: Record<keyof typeof fr, string> = {
  'label.reply': 'Reply template',
  'label.letter': 'Letter template',
  none: 'Choose a template…',
  empty: 'No template for this request: managers write them in “Reply templates”.',
  preview: 'Preview with the values of request {code}',
  subject: 'Subject:',
  english: 'English version',
  use: 'Use this template',
  loading: 'Loading the preview…',
  forEvery: 'every procedure',
  'letter.choose': 'Take this template for the letter',
  'letter.print': 'Print the acknowledgement letter (PDF)',
  'letter.printChosen': 'Print the letter with the chosen template (PDF)',
};

export type TemplatePickerText = keyof typeof fr;

/** A text of the template picker in the language asked, with `{name}` parameters filled. */
export function templatePickerText(lang: Lang, key: TemplatePickerText, params: Record<string, string> = {}): string {
  return (lang === 'en' ? en : fr)[key].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

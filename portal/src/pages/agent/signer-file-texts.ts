// Words of the file a signer reads before signing, French first, English second.
import type { Lang } from '../../composables/useI18n.ts';

const fr = {
  title: 'Le dossier, avant de signer',
  steps: 'Avis et conditions des services',
  noSteps: 'Aucune étape n’a encore été faite sur ce dossier.',
  by: 'par {name}, le {date}',
  on: 'le {date}',
  amounts: 'Montants calculés',
  documents: 'Document à délivrer',
  preview: 'Voir le projet : {title} (PDF, s’ouvre dans un nouvel onglet)',
  previewNote: 'Projet établi avec les données d’aujourd’hui, sans numéro ni valeur tant qu’il n’est pas signé.',
  loading: 'Chargement du dossier…',
  failed: 'Le dossier n’a pas pu être chargé : réessayez avant de signer.',
  retry: 'Réessayer',
};

const en: Record<keyof typeof fr, string> = {
  title: 'The file, before you sign',
  steps: 'Opinions and conditions of the departments',
  noSteps: 'No step has been done on this file yet.',
  by: 'by {name}, on {date}',
  on: 'on {date}',
  amounts: 'Computed amounts',
  documents: 'Document to be issued',
  preview: 'See the draft: {title} (PDF, opens in a new tab)',
  previewNote: 'Draft made from today’s data, with no number and of no value until signed.',
  loading: 'Loading the file…',
  failed: 'The file could not be loaded: try again before signing.',
  retry: 'Try again',
};

export type SignerFileText = keyof typeof fr;

export function signerFileText(lang: Lang, key: SignerFileText, params: Record<string, string> = {}): string {
  return (lang === 'en' ? en : fr)[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? params[name]! : whole,
  );
}

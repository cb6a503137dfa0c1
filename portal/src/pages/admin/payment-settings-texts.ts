// Words of the town's online payment settings (PayFiP, the Treasury's service), French first.
import type { Lang } from '../../composables/useI18n.ts';

const fr = {
  title: 'Paiement en ligne (PayFiP)',
  intro:
    'Les démarches payantes font payer en ligne par PayFiP, le service de la DGFiP. Indiquez le numéro client que la Trésorerie a donné à la commune ; sans numéro, la commune facture hors ligne.',
  clientNumber: 'Numéro client PayFiP',
  clientNumberHint: '6 chiffres, donnés par la Trésorerie',
  environment: 'Environnement',
  TEST: 'Test (rien n’est débité)',
  ACTIVATION: 'Activation (recette avec la Trésorerie)',
  PRODUCTION: 'Production (paiements réels)',
  save: 'Enregistrer les références PayFiP',
  saved: 'Références PayFiP enregistrées.',
  removed: 'Paiement en ligne retiré : la commune facture hors ligne.',
  offline: 'Aucun numéro client : la commune facture hors ligne.',
};

const en: Record<keyof typeof fr, string> = {
  title: 'Online payment (PayFiP)',
  intro:
    'Paid procedures take payment online through PayFiP, the Treasury’s service. Give the client number the Treasury gave the town; without one, the town bills offline.',
  clientNumber: 'PayFiP client number',
  clientNumberHint: '6 digits, given by the Treasury',
  environment: 'Environment',
  TEST: 'Test (nothing is charged)',
  ACTIVATION: 'Activation (acceptance run with the Treasury)',
  PRODUCTION: 'Production (real payments)',
  save: 'Save the PayFiP references',
  saved: 'PayFiP references saved.',
  removed: 'Online payment removed: the town bills offline.',
  offline: 'No client number: the town bills offline.',
};

export type PaymentSettingsText = keyof typeof fr;

/** A text of the online payment settings in the language asked. */
export const paymentSettingsText = (lang: Lang, key: PaymentSettingsText) => (lang === 'en' ? en : fr)[key];

// Words of the town administrator's branding screen, French first, English second.
import type { Lang } from '../../composables/useI18n.ts';

const fr = {
  title: 'Apparence et pages légales',
  intro:
    'Le nom, le logo, les couleurs et les coordonnées de la commune apparaissent sur le portail, dans les courriels et sur les documents. Les couleurs doivent rester lisibles : un contraste d’au moins 4,5:1 est exigé (RGAA, WCAG AA).',
  forbidden: 'Cet écran est réservé à l’administrateur de la commune.',
  identity: 'Identité',
  name: 'Nom de la commune',
  logoUrl: 'Adresse du logo',
  logoHint: 'Une adresse https://, ou un chemin sur le portail (/…). Laissez vide pour aucun logo.',
  colours: 'Couleurs',
  primaryColor: 'Couleur principale (en-tête, boutons, liens)',
  onPrimaryColor: 'Couleur du texte sur la couleur principale',
  colourHint: 'Au format #rrvvbb, par exemple #1f4e79. Laissez vide pour les couleurs de Parvis.',
  preview: 'Aperçu',
  previewText: 'Texte sur la couleur principale',
  previewLink: 'Un lien sur la page',
  contact: 'Coordonnées',
  contactEmail: 'Courriel de contact',
  contactPhone: 'Téléphone',
  contactAddress: 'Adresse postale',
  legal: 'Pages légales',
  legalNotice: 'Mentions légales',
  accessibilityStatement: 'Déclaration d’accessibilité',
  privacyNotice: 'Politique de confidentialité',
  save: 'Enregistrer',
  saving: 'Enregistrement…',
  saved: 'Apparence et pages enregistrées. Le portail les montre dès la prochaine page ouverte.',
  refused: 'Rien n’a été enregistré :',
};

const en: typeof fr = {
  title: 'Branding and legal pages',
  intro:
    'The town’s name, logo, colours and contact details show on the portal, in e-mails and on documents. Colours must stay readable: a contrast of at least 4.5:1 is required (WCAG AA).',
  forbidden: 'This screen is for the town’s administrator only.',
  identity: 'Identity',
  name: 'Town name',
  logoUrl: 'Logo address',
  logoHint: 'An https:// address, or a path on the portal (/…). Leave empty for no logo.',
  colours: 'Colours',
  primaryColor: 'Primary colour (header, buttons, links)',
  onPrimaryColor: 'Text colour on the primary colour',
  colourHint: 'As #rrggbb, e.g. #1f4e79. Leave empty for Parvis’s colours.',
  preview: 'Preview',
  previewText: 'Text on the primary colour',
  previewLink: 'A link on the page',
  contact: 'Contact details',
  contactEmail: 'Contact e-mail',
  contactPhone: 'Phone',
  contactAddress: 'Postal address',
  legal: 'Legal pages',
  legalNotice: 'Legal notice',
  accessibilityStatement: 'Accessibility statement',
  privacyNotice: 'Privacy notice',
  save: 'Save',
  saving: 'Saving…',
  saved: 'Branding and pages saved. The portal shows them from the next page opened.',
  refused: 'Nothing was saved:',
};

export type BrandingTextKey = keyof typeof fr;

export const brandingText = (lang: Lang, key: BrandingTextKey): string => (lang === 'en' ? en : fr)[key];

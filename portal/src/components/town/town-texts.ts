// Words of the town's own pages (legal pages, closed or unknown town, invitation), French first, English second.
import type { Lang } from '../../composables/useI18n.ts';

const fr = {
  legalNotice: 'Mentions légales',
  accessibilityStatement: 'Déclaration d’accessibilité',
  privacyNotice: 'Politique de confidentialité',
  notWritten: 'La commune n’a pas encore rédigé cette page.',
  contact: 'Contacter la mairie',
  email: 'Courriel',
  phone: 'Téléphone',
  address: 'Adresse',
  townPages: 'Informations de la commune',
  disabled:
    '{town} n’accepte plus de démarches en ligne sur Parvis. Pour toute demande, contactez directement la mairie.',
  unknownTitle: 'Aucune commune à cette adresse',
  unknown:
    'Cette adresse ne correspond à aucune commune servie par Parvis. Vérifiez l’adresse du site de votre mairie.',
  // invitation
  invitationTitle: 'Rejoindre l’espace des agents',
  invitationIntro: 'Bonjour {name}, choisissez votre mot de passe pour l’adresse {email}.',
  invitationPassword: 'Mot de passe (12 caractères au moins)',
  invitationConfirm: 'Confirmez le mot de passe',
  invitationMismatch: 'Les deux mots de passe diffèrent.',
  invitationSubmit: 'Enregistrer mon mot de passe',
  invitationDone: 'Votre compte est prêt. Connectez-vous avec votre adresse et ce mot de passe.',
  invitationSignIn: 'Se connecter',
  invitationNoLink: 'Ce lien est incomplet : ouvrez le lien reçu par courriel.',
};

const en: typeof fr = {
  legalNotice: 'Legal notice',
  accessibilityStatement: 'Accessibility statement',
  privacyNotice: 'Privacy notice',
  notWritten: 'The town has not written this page yet.',
  contact: 'Contact the town hall',
  email: 'E-mail',
  phone: 'Phone',
  address: 'Address',
  townPages: 'About the town',
  disabled: '{town} no longer takes requests online on Parvis. Please contact the town hall directly.',
  unknownTitle: 'No town at this address',
  unknown: 'This address is not one of a town served by Parvis. Check the address of your town hall’s site.',
  invitationTitle: 'Join the staff area',
  invitationIntro: 'Hello {name}, choose your password for {email}.',
  invitationPassword: 'Password (12 characters or more)',
  invitationConfirm: 'Confirm the password',
  invitationMismatch: 'The two passwords differ.',
  invitationSubmit: 'Save my password',
  invitationDone: 'Your account is ready. Sign in with your e-mail and this password.',
  invitationSignIn: 'Sign in',
  invitationNoLink: 'This link is incomplete: open the link you received by e-mail.',
};

export type TownTextKey = keyof typeof fr;

export function townText(lang: Lang, key: TownTextKey, vars: Record<string, string> = {}): string {
  return (lang === 'en' ? en : fr)[key].replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? '');
}

/** The three legal pages: their address and their title's key. */
export const TOWN_PAGES = {
  'mentions-legales': 'legalNotice',
  accessibilite: 'accessibilityStatement',
  confidentialite: 'privacyNotice',
} as const satisfies Record<string, TownTextKey>;
export type TownPageSlug = keyof typeof TOWN_PAGES;

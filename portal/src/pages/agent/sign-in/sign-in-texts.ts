// Words of sign-in's second factor, the town's directory, FranceConnect and the audit log, French first.
import type { Lang } from '../../../composables/useI18n.ts';

const fr = {
  or: 'ou',
  withDirectory: 'Se connecter avec « {label} »',
  codeLabel: 'Code de vérification (6 chiffres)',
  codeHint: 'Le code que votre application d’authentification affiche maintenant.',
  codeAsked: 'Saisissez le code de votre application d’authentification.',
  codeMissing: 'Saisissez le code à 6 chiffres.',
  enrolTitle: 'Activer la double authentification',
  enrolIntro:
    'Les administrateurs se connectent avec un second facteur. Ouvrez votre application d’authentification (FreeOTP, Aegis, Google Authenticator…), ajoutez un compte en lisant ce QR code, puis saisissez le code qu’elle affiche.',
  enrolIntroSelf:
    'Ajoutez un compte dans votre application d’authentification en lisant ce QR code, puis saisissez le code qu’elle affiche : il vous sera demandé à chaque connexion.',
  qrAlt: 'QR code du compte Parvis à ajouter dans l’application d’authentification',
  secretLabel: 'Ou saisissez cette clé dans l’application :',
  confirm: 'Activer',
  enrolExpired: 'Cette mise en place a expiré : reconnectez-vous pour la reprendre.',
  enrolDone: 'La double authentification est activée.',
  backToSignIn: 'Revenir à la connexion',
  auditTitle: 'Journal d’audit',
  auditIntro:
    'Connexions (réussies et refusées), changements de rôles et de groupes, exports, consultations de fiches d’habitants, changements de réglages : qui, quand, d’où. Le journal ne peut être ni modifié ni effacé.',
  auditKind: 'Type d’événement',
  auditAllKinds: 'Tous',
  auditFrom: 'Du',
  auditTo: 'Au',
  auditFilter: 'Filtrer',
  auditExport: 'Exporter en CSV',
  auditWhen: 'Date',
  auditWho: 'Qui',
  auditWhat: 'Action',
  auditTarget: 'Objet',
  auditWhere: 'Adresse IP',
  auditDetails: 'Détails',
  auditEmpty: 'Aucun événement pour ces critères.',
  auditMore: 'Événements plus anciens',
  auditLoading: 'Chargement du journal…',
  'kind.sign-in': 'Connexions',
  'kind.roles': 'Rôles',
  'kind.groups': 'Groupes',
  'kind.agents': 'Agents',
  'kind.export': 'Exports',
  'kind.citizen-record': 'Fiches d’habitants',
  'kind.settings': 'Réglages',
  'kind.procedures': 'Démarches',
  'kind.privacy': 'Données personnelles',
  'kind.incidents': 'Incidents',
};

const en: typeof fr = {
  or: 'or',
  withDirectory: 'Sign in with "{label}"',
  codeLabel: 'Verification code (6 digits)',
  codeHint: 'The code your authenticator app shows now.',
  codeAsked: 'Type the code of your authenticator app.',
  codeMissing: 'Type the 6-digit code.',
  enrolTitle: 'Turn on two-factor authentication',
  enrolIntro:
    'Administrators sign in with a second factor. Open your authenticator app (FreeOTP, Aegis, Google Authenticator…), add an account by scanning this QR code, then type the code it shows.',
  enrolIntroSelf:
    'Add an account in your authenticator app by scanning this QR code, then type the code it shows: it will be asked at each sign-in.',
  qrAlt: 'QR code of the Parvis account to add in the authenticator app',
  secretLabel: 'Or type this key in the app:',
  confirm: 'Turn on',
  enrolExpired: 'This set-up expired: sign in again to resume it.',
  enrolDone: 'Two-factor authentication is on.',
  backToSignIn: 'Back to sign-in',
  auditTitle: 'Audit log',
  auditIntro:
    "Sign-ins (successful and refused), role and group changes, exports, views of citizens' records, settings changes: who, when, from where. The log can be neither changed nor erased.",
  auditKind: 'Kind of event',
  auditAllKinds: 'All',
  auditFrom: 'From',
  auditTo: 'To',
  auditFilter: 'Filter',
  auditExport: 'Export as CSV',
  auditWhen: 'Date',
  auditWho: 'Who',
  auditWhat: 'Action',
  auditTarget: 'Target',
  auditWhere: 'IP address',
  auditDetails: 'Details',
  auditEmpty: 'No event for these criteria.',
  auditMore: 'Older events',
  auditLoading: 'Loading the log…',
  'kind.sign-in': 'Sign-ins',
  'kind.roles': 'Roles',
  'kind.groups': 'Groups',
  'kind.agents': 'Agents',
  'kind.export': 'Exports',
  'kind.citizen-record': "Citizens' records",
  'kind.settings': 'Settings',
  'kind.procedures': 'Procedures',
  'kind.privacy': 'Personal data',
  'kind.incidents': 'Incidents',
};

export type SignInKey = keyof typeof fr;

export function signInText(lang: Lang, key: SignInKey, values: Record<string, string> = {}): string {
  return (lang === 'en' ? en : fr)[key].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
}

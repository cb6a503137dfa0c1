// Words of the platform administrators' screen, French first, English second.
import type { Lang } from '../../composables/useI18n.ts';

const fr = {
  area: 'Administration de la plateforme',
  title: 'Communes de la plateforme',
  signInTitle: 'Connexion des administrateurs de la plateforme',
  signInIntro:
    'Réservé aux administrateurs de la plateforme (créés par la commande « npx parvis platform-admin create »). Les agents des communes se connectent depuis l’espace agents.',
  email: 'Adresse e-mail',
  password: 'Mot de passe',
  signIn: 'Se connecter',
  signInFailed: 'E-mail ou mot de passe incorrect.',
  signedInAs: 'Connecté·e : {name}',
  signOut: 'Se déconnecter',
  towns: 'Communes',
  slug: 'Identifiant',
  name: 'Nom',
  hosts: 'Noms d’hôte',
  timeZone: 'Fuseau horaire',
  region: 'Jours fériés',
  status: 'État',
  active: 'Active',
  disabled: 'Désactivée',
  disable: 'Désactiver {town}',
  enable: 'Réactiver {town}',
  none: 'Aucune commune.',
  createTitle: 'Créer une commune',
  slugHint: 'Lettres minuscules, chiffres et tirets : son adresse partagée sera /t/<identifiant>/.',
  hostsHint:
    'Un par ligne, sans « https:// » ni port, par ex. demarches.ville.fr. Le premier sert dans les liens des courriels.',
  timeZoneHint: 'Fuseau IANA, par ex. Europe/Paris, America/Cayenne, Indian/Reunion.',
  contactEmail: 'Courriel de contact de la mairie',
  adminEmail: 'Courriel du premier administrateur (invité par e-mail)',
  adminName: 'Nom du premier administrateur',
  create: 'Créer la commune et inviter son administrateur',
  creating: 'Création…',
  created: 'Commune {town} créée ; son administrateur a reçu son lien de première connexion.',
  refused: 'Commune refusée, rien n’a été créé :',
  changed: '{town} : {state}.',
  regions: {
    metropole: 'Métropole',
    'alsace-moselle': 'Alsace-Moselle',
    guadeloupe: 'Guadeloupe',
    martinique: 'Martinique',
    guyane: 'Guyane',
    'la-reunion': 'La Réunion',
    mayotte: 'Mayotte',
  } as Record<string, string>,
};

const en: typeof fr = {
  area: 'Platform administration',
  title: 'Towns on the platform',
  signInTitle: 'Platform administrators’ sign-in',
  signInIntro:
    'For the platform’s administrators only (created with the command “npx parvis platform-admin create”). Towns’ agents sign in from the staff area.',
  email: 'E-mail address',
  password: 'Password',
  signIn: 'Sign in',
  signInFailed: 'Wrong e-mail or password.',
  signedInAs: 'Signed in: {name}',
  signOut: 'Sign out',
  towns: 'Towns',
  slug: 'Slug',
  name: 'Name',
  hosts: 'Host names',
  timeZone: 'Time zone',
  region: 'Public holidays',
  status: 'Status',
  active: 'Active',
  disabled: 'Disabled',
  disable: 'Disable {town}',
  enable: 'Enable {town}',
  none: 'No town.',
  createTitle: 'Create a town',
  slugHint: 'Lower-case letters, digits and hyphens: its shared address will be /t/<slug>/.',
  hostsHint:
    'One per line, without “https://” nor port, e.g. demarches.ville.fr. The first one is used in e-mail links.',
  timeZoneHint: 'IANA time zone, e.g. Europe/Paris, America/Cayenne, Indian/Reunion.',
  contactEmail: 'Town hall’s contact e-mail',
  adminEmail: 'First administrator’s e-mail (invited by e-mail)',
  adminName: 'First administrator’s name',
  create: 'Create the town and invite its administrator',
  creating: 'Creating…',
  created: 'Town {town} created; its administrator received a first sign-in link.',
  refused: 'Town refused, nothing was created:',
  changed: '{town}: {state}.',
  regions: {
    metropole: 'Mainland France',
    'alsace-moselle': 'Alsace-Moselle',
    guadeloupe: 'Guadeloupe',
    martinique: 'Martinique',
    guyane: 'French Guiana',
    'la-reunion': 'Réunion',
    mayotte: 'Mayotte',
  },
};

type Key = Exclude<keyof typeof fr, 'regions'>;

export function platformText(lang: Lang, key: Key, vars: Record<string, string> = {}): string {
  return (lang === 'en' ? en : fr)[key].replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? '');
}

/** The holiday regions a town may keep (the engine's HOLIDAY_REGIONS), with their names. */
export const regionName = (lang: Lang, region: string): string => (lang === 'en' ? en : fr).regions[region] ?? region;
export const HOLIDAY_REGIONS = Object.keys(fr.regions);

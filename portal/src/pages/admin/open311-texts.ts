// Words of the town's Open311 screen (applications and their api_keys), French first, English second.
import type { Lang } from '../../composables/useI18n.ts';

const fr = {
  title: 'Applications Open311',
  intro:
    'Les applications de signalement (FixMyStreet, applications mobiles…) déposent des signalements par l’API Open311 GeoReport v2 de la commune, chacune avec sa clé d’API (api_key). Donnez une clé par application : vous pourrez en couper une sans toucher aux autres.',
  discovery: 'Adresse à donner aux développeurs (document de découverte) :',
  name: 'Nom de l’application',
  nameHint: 'Par exemple : FixMyStreet, ou le nom de l’éditeur',
  issue: 'Créer une clé',
  issuing: 'Création…',
  issued: 'Clé créée pour « {name} ». Copiez-la maintenant : elle ne sera plus jamais affichée.',
  keyLabel: 'Clé d’API de « {name} »',
  applications: 'Applications',
  none: 'Aucune application pour l’instant.',
  keyStart: 'Début de la clé',
  createdAt: 'Créée le',
  lastUsedAt: 'Dernier signalement',
  never: 'jamais',
  status: 'État',
  ACTIVE: 'active',
  REVOKED: 'révoquée le {date}',
  revoke: 'Révoquer la clé de {name}',
  revokeShort: 'Révoquer',
  revoked: 'Clé de « {name} » révoquée : ses envois sont refusés.',
};

const en: typeof fr = {
  title: 'Open311 applications',
  intro:
    'Reporting apps (FixMyStreet, mobile apps…) file reports through the town’s Open311 GeoReport v2 API, each with its own api_key. Issue one key per application: you can cut one off without touching the others.',
  discovery: 'Address to give developers (discovery document):',
  name: 'Application name',
  nameHint: 'For example: FixMyStreet, or its publisher’s name',
  issue: 'Issue a key',
  issuing: 'Issuing…',
  issued: 'Key issued for “{name}”. Copy it now: it will never be shown again.',
  keyLabel: 'api_key of “{name}”',
  applications: 'Applications',
  none: 'No application yet.',
  keyStart: 'Key starts with',
  createdAt: 'Issued on',
  lastUsedAt: 'Last report',
  never: 'never',
  status: 'Status',
  ACTIVE: 'active',
  REVOKED: 'revoked on {date}',
  revoke: 'Revoke the key of {name}',
  revokeShort: 'Revoke',
  revoked: 'Key of “{name}” revoked: its posts are refused.',
};

export type Open311TextKey = keyof typeof fr;

export const open311Text = (lang: Lang, key: Open311TextKey, values: Record<string, string | number> = {}) =>
  (lang === 'en' ? en : fr)[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));

// Words of the data-protection screens (the officer's and the retention settings), French first, English second.
import type { Lang } from '../../composables/useI18n.ts';

const fr = {
  navLabel: 'Protection des données',
  navPeople: 'Personnes',
  navRegister: 'Registre des traitements',
  navRetention: 'Durées de conservation',
  forbidden: 'Cet écran est réservé au délégué à la protection des données de la commune.',
  peopleTitle: 'Données des personnes',
  peopleIntro:
    'Retrouvez une personne, avec ou sans compte, par son adresse e-mail ou son numéro de téléphone ; exportez tout ce que la commune conserve à son sujet ou effacez-la. Chaque action est inscrite au journal d’audit.',
  contact: 'Adresse e-mail ou numéro de téléphone',
  contactHint: 'Par exemple marie.dupont@example.fr ou 06 12 34 56 78.',
  search: 'Rechercher',
  searching: 'Recherche…',
  nobody: 'Aucune personne avec cette adresse ou ce numéro dans la commune.',
  found: '{count} personne(s) trouvée(s).',
  unnamed: 'Nom inconnu',
  withAccount: 'a un compte sur le portail',
  withoutAccount: 'sans compte',
  requests: '{count} demande(s)',
  knownSince: 'connue depuis le {date}',
  erasedOn: 'effacée le {date}',
  exportJson: 'Exporter (JSON)',
  exportPdf: 'Exporter (PDF)',
  erase: 'Effacer…',
  eraseConfirm:
    'Effacer cette personne ? Son identité, ses coordonnées et les données de ses demandes seront supprimées définitivement ; ses demandes restent, anonymes, dans les statistiques.',
  eraseYes: 'Oui, effacer définitivement',
  eraseNo: 'Annuler',
  erased: 'La personne a été effacée.',
  stillOpen:
    '{count} de ses demandes ne sont pas closes (une décision en signature, par exemple) : elles se poursuivent sans ses données, et les clés qui chiffrent leur historique seront détruites à leur clôture.',
  refused: 'Effacement refusé : {reason}',
  registerTitle: 'Registre des activités de traitement',
  registerIntro:
    'Établi à partir des démarches de la commune (RGPD, article 30) : pour chacune, sa finalité, sa base légale, les catégories de données que ses formulaires demandent, ses destinataires, sa durée de conservation et les mesures de sécurité.',
  registerDownload: 'Télécharger le registre (CSV)',
  purpose: 'Finalité',
  legalBasis: 'Base légale',
  categories: 'Catégories de données',
  recipients: 'Destinataires',
  retention: 'Durée de conservation',
  security: 'Mesures de sécurité',
  months: '{count} mois après la clôture',
  none: 'aucun',
  retentionTitle: 'Durées de conservation',
  retentionIntro:
    'Chaque nuit, les demandes closes depuis plus longtemps que la durée de leur démarche sont anonymisées : leurs données personnelles, pièces jointes et échanges sont supprimés, la demande reste pour les statistiques. Par défaut : 60 mois pour une décision (permis, subvention…), 24 mois pour un signalement ou un contact.',
  procedure: 'Démarche',
  kind: 'Nature',
  kind_DECISION: 'décision',
  kind_REPORT: 'signalement ou contact',
  byDefault: 'par défaut : {count} mois',
  monthsLabel: 'Durée pour « {title} » (mois)',
  save: 'Enregistrer',
  reset: 'Revenir au défaut',
  saved: 'Durée enregistrée pour « {title} » : {count} mois.',
  purgesTitle: 'Anonymisations effectuées',
  purgesEmpty: 'Aucune demande anonymisée pour l’instant.',
  purgeWhen: 'Date',
  purgeCount: 'Demandes',
  purgePolicy: 'Règle',
  policy: 'anonymisées après {count} mois ({source})',
  source_decision: 'défaut d’une décision',
  source_report: 'défaut d’un signalement',
  source_town: 'durée de la commune',
  loading: 'Chargement…',
};

const en: typeof fr = {
  navLabel: 'Data protection',
  navPeople: 'People',
  navRegister: 'Register of processing',
  navRetention: 'Retention periods',
  forbidden: 'This screen is for the town’s data-protection officer.',
  peopleTitle: 'People’s data',
  peopleIntro:
    'Find a person, with or without an account, by e-mail address or phone number; export everything the town keeps about them, or erase them. Each action goes to the audit log.',
  contact: 'E-mail address or phone number',
  contactHint: 'For example marie.dupont@example.fr or 06 12 34 56 78.',
  search: 'Search',
  searching: 'Searching…',
  nobody: 'Nobody with this address or number in the town.',
  found: '{count} person(s) found.',
  unnamed: 'Name unknown',
  withAccount: 'has a portal account',
  withoutAccount: 'no account',
  requests: '{count} request(s)',
  knownSince: 'known since {date}',
  erasedOn: 'erased on {date}',
  exportJson: 'Export (JSON)',
  exportPdf: 'Export (PDF)',
  erase: 'Erase…',
  eraseConfirm:
    'Erase this person? Their identity, contact details and their requests’ data will be deleted for good; their requests stay, anonymous, in the statistics.',
  eraseYes: 'Yes, erase for good',
  eraseNo: 'Cancel',
  erased: 'The person was erased.',
  stillOpen:
    '{count} of their requests are not closed yet (a decision in signature, say): they go on without their data, and the keys that encrypt their history will be destroyed when they close.',
  refused: 'Erasure refused: {reason}',
  registerTitle: 'Register of processing activities',
  registerIntro:
    'Drawn from the town’s procedures (GDPR, article 30): for each, its purpose, legal basis, the categories of data its forms ask, its recipients, its retention period and the security measures.',
  registerDownload: 'Download the register (CSV)',
  purpose: 'Purpose',
  legalBasis: 'Legal basis',
  categories: 'Categories of data',
  recipients: 'Recipients',
  retention: 'Retention period',
  security: 'Security measures',
  months: '{count} months after closing',
  none: 'none',
  retentionTitle: 'Retention periods',
  retentionIntro:
    'Every night, requests closed for longer than their procedure’s period are anonymised: their personal data, files and messages are deleted, the request stays for the statistics. By default: 60 months for a decision (permit, grant…), 24 months for a report or a contact.',
  procedure: 'Procedure',
  kind: 'Kind',
  kind_DECISION: 'decision',
  kind_REPORT: 'report or contact',
  byDefault: 'default: {count} months',
  monthsLabel: 'Period for “{title}” (months)',
  save: 'Save',
  reset: 'Back to the default',
  saved: 'Period saved for “{title}”: {count} months.',
  purgesTitle: 'Anonymisations done',
  purgesEmpty: 'No request anonymised yet.',
  purgeWhen: 'Date',
  purgeCount: 'Requests',
  purgePolicy: 'Rule',
  policy: 'anonymised after {count} months ({source})',
  source_decision: 'a decision’s default',
  source_report: 'a report’s default',
  source_town: 'the town’s period',
  loading: 'Loading…',
};

export type PrivacyTextKey = keyof typeof fr;

/** A text of the data-protection screens, with {name} placeholders filled. */
export function privacyText(lang: Lang, key: PrivacyTextKey, values: Record<string, string | number> = {}): string {
  return (lang === 'en' ? en : fr)[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** The half of a server message « français / English » in the reader's language. */
export function messageIn(lang: Lang, message: string): string {
  const [french, english] = message.split(' / ');
  return (lang === 'en' ? english : french)?.trim() || message;
}

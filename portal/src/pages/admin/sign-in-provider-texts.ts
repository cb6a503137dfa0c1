// Words of the town's sign-in screen (its agents' OpenID provider), French first, English second.
import type { Lang } from '../../composables/useI18n.ts';

const fr = {
  title: 'Connexion des agents',
  intro:
    'Les agents peuvent se connecter avec l’annuaire de la commune (Active Directory, Keycloak, Azure AD…) par OpenID Connect. Les groupes de l’agent suivent la valeur d’une information (« claim ») que l’annuaire donne.',
  register: 'Adresse de retour à déclarer dans l’annuaire :',
  provider: 'Fournisseur d’identité',
  label: 'Texte du bouton de connexion',
  labelHint: 'Par exemple : Se connecter avec l’annuaire de la mairie',
  issuer: 'Émetteur (issuer)',
  issuerHint: 'Adresse https:// du fournisseur, par exemple https://sso.ville.fr/realms/agents',
  clientId: 'Identifiant du client (client id)',
  clientSecret: 'Secret du client (client secret)',
  secretKept: 'Un secret est enregistré ; laissez vide pour le garder. Il n’est jamais affiché.',
  secretNew: 'Donné par l’annuaire lors de la déclaration de Parvis.',
  scopes: 'Étendues demandées (scopes)',
  scopesHint: 'Séparées par des espaces ; ajoutez celle qui donne les groupes (par exemple groups).',
  mapping: 'Groupes selon l’annuaire',
  mappingIntro:
    'Nom de l’information (claim) qui porte les groupes de l’agent dans l’annuaire, puis, pour chaque valeur, les groupes Parvis qu’elle donne.',
  groupsClaim: 'Nom de l’information (claim)',
  claimValue: 'Valeur dans l’annuaire',
  groups: 'Groupes Parvis (clés séparées par des virgules)',
  knownGroups: 'Groupes de la commune : {groups}',
  row: 'Correspondance {n}',
  addRow: 'Ajouter une correspondance',
  removeRow: 'Retirer',
  save: 'Enregistrer la connexion',
  saving: 'Vérification auprès du fournisseur…',
  saved: 'Connexion enregistrée : le fournisseur a répondu.',
};

const en: typeof fr = {
  title: 'Agents’ sign-in',
  intro:
    'Agents can sign in with the town’s directory (Active Directory, Keycloak, Azure AD…) through OpenID Connect. An agent’s groups follow the value of a claim the directory gives.',
  register: 'Redirect address to register with the directory:',
  provider: 'Identity provider',
  label: 'Sign-in button text',
  labelHint: 'For example: Sign in with the town hall’s directory',
  issuer: 'Issuer',
  issuerHint: 'The provider’s https:// address, for example https://sso.ville.fr/realms/agents',
  clientId: 'Client id',
  clientSecret: 'Client secret',
  secretKept: 'A secret is stored; leave empty to keep it. It is never shown.',
  secretNew: 'Given by the directory when Parvis is registered there.',
  scopes: 'Scopes asked for',
  scopesHint: 'Separated by spaces; add the one giving groups (for example groups).',
  mapping: 'Groups from the directory',
  mappingIntro:
    'The name of the claim carrying the agent’s groups in the directory, then, for each value, the Parvis groups it gives.',
  groupsClaim: 'Claim name',
  claimValue: 'Value in the directory',
  groups: 'Parvis groups (keys separated by commas)',
  knownGroups: 'The town’s groups: {groups}',
  row: 'Mapping {n}',
  addRow: 'Add a mapping',
  removeRow: 'Remove',
  save: 'Save the sign-in',
  saving: 'Checking with the provider…',
  saved: 'Sign-in saved: the provider answered.',
};

export type SignInProviderTextKey = keyof typeof fr;

export const signInProviderText = (
  lang: Lang,
  key: SignInProviderTextKey,
  values: Record<string, string | number> = {},
) => (lang === 'en' ? en : fr)[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));

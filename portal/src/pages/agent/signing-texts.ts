// Words of the signature book's components, French first, English second.
import type { Lang } from '../../composables/useI18n.ts';

const fr = {
  heading: 'Décision signée',
  intro:
    'Cette étape se signe : votre décision est signée dans ce navigateur avec votre clé personnelle, puis vérifiée par la mairie.',
  keyTitle: 'Votre clé de signature',
  keyNone: "Vous n'avez pas encore de clé de signature.",
  keyElsewhere:
    "Votre clé de signature active a été créée dans un autre navigateur. Créez-en une ici : l'ancienne sera révoquée.",
  keyReady: 'Clé active, conservée dans ce navigateur. Empreinte : {fingerprint}',
  keyCreate: 'Créer ma clé de signature dans ce navigateur',
  keyCreating: 'Création de la clé…',
  keyUnsupported: 'Ce navigateur ne permet pas de signer (WebCrypto indisponible) : utilisez un navigateur récent.',
  decision: 'Votre décision',
  approve: 'Approuver',
  refuse: 'Refuser',
  return: 'Renvoyer pour modification',
  comment: 'Commentaire (facultatif)',
  sign: 'Signer la décision',
  signing: 'Signature en cours…',
  signed: 'Décision signée et enregistrée. Empreinte de la clé : {fingerprint}',
  signedFor: 'Décision signée pour le compte de {name} et enregistrée.',
  whatYouSign: 'Ce que vous avez signé',
  refused: 'Signature refusée : {message}',
  bookTitle: 'Mon parapheur',
  delegatedTitle: 'À signer par délégation',
  delegatedNone: 'Aucune étape à signer pour le compte d’un collègue.',
  delegationsTitle: 'Délégations de signature',
  delegationsNone: 'Aucune délégation en cours.',
  delegationGiven: 'Vous → {name}, jusqu’au {until}',
  delegationReceived: '{name} → vous, jusqu’au {until}',
  delegationRevoke: 'Mettre fin à la délégation à {name}',
  delegateTitle: 'Déléguer ma signature pendant une absence',
  delegateTo: 'Collègue qui signera pour vous',
  delegateUntil: 'Jusqu’au (inclus)',
  delegateReason: 'Motif (facultatif)',
  delegateSubmit: 'Déléguer ma signature',
  delegated: 'Signature déléguée à {name} jusqu’au {until}.',
  choose: '— Choisir —',
};

export type SigningText = keyof typeof fr;

const en: Record<SigningText, string> = {
  heading: 'Signed decision',
  intro:
    'This step takes a signature: your decision is signed in this browser with your own key, then verified by the town hall.',
  keyTitle: 'Your signing key',
  keyNone: 'You have no signing key yet.',
  keyElsewhere: 'Your active signing key was made in another browser. Make one here: the old one will be revoked.',
  keyReady: 'Active key, kept in this browser. Fingerprint: {fingerprint}',
  keyCreate: 'Create my signing key in this browser',
  keyCreating: 'Creating the key…',
  keyUnsupported: 'This browser cannot sign (no WebCrypto): use a recent browser.',
  decision: 'Your decision',
  approve: 'Approve',
  refuse: 'Refuse',
  return: 'Return for changes',
  comment: 'Comment (optional)',
  sign: 'Sign the decision',
  signing: 'Signing…',
  signed: 'Decision signed and recorded. Key fingerprint: {fingerprint}',
  signedFor: 'Decision signed on behalf of {name} and recorded.',
  whatYouSign: 'What you signed',
  refused: 'Signature refused: {message}',
  bookTitle: 'My signature book',
  delegatedTitle: 'To sign under a delegation',
  delegatedNone: 'No step to sign on behalf of a colleague.',
  delegationsTitle: 'Signature delegations',
  delegationsNone: 'No delegation in force.',
  delegationGiven: 'You → {name}, until {until}',
  delegationReceived: '{name} → you, until {until}',
  delegationRevoke: 'End the delegation to {name}',
  delegateTitle: 'Delegate my signature during an absence',
  delegateTo: 'Colleague who will sign for you',
  delegateUntil: 'Until (inclusive)',
  delegateReason: 'Reason (optional)',
  delegateSubmit: 'Delegate my signature',
  delegated: 'Signature delegated to {name} until {until}.',
  choose: '— Choose —',
};

/** A text of the signature book in the language asked, with `{name}` parameters filled. */
export function signingText(lang: Lang, key: SigningText, params: Record<string, string> = {}): string {
  return (lang === 'en' ? en : fr)[key].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

/** A fingerprint in groups of four, easier to read aloud and compare. */
export const groupedFingerprint = (hex: string) => hex.replace(/(.{4})(?=.)/g, '$1 ');

// Words of a request's signatures checked again (the public verification page, the agent's request page).
import type { Lang } from '../composables/useI18n.ts';

const fr = {
  genuine: 'Authentique : chaque signature se vérifie, et l’historique de la demande est intact.',
  altered:
    'ALTÉRATION DÉTECTÉE : ce qui est enregistré ne correspond plus à ce qui a été signé. Ne tenez pas ce document pour authentique, et contactez la mairie.',
  noSignature: 'Aucune décision signée sur cette demande.',
  historyAltered: 'L’historique de la demande a été modifié (un événement altéré, retiré ou ajouté).',
  erased:
    'Les données de la demande ont été effacées le {date} à la demande de la personne (droit à l’effacement) : les signatures restent vérifiables, mais plus la comparaison avec les données signées.',
  signatures: 'Signatures',
  signedBy: 'Signé par {signer}',
  signedFor: 'Signé par {signer}, pour {onBehalfOf} (délégation)',
  role: 'Rôle : {role}',
  signedOn: 'le {date}',
  decision: 'Décision : {decision}',
  'decision.approve': 'approuvée',
  'decision.refuse': 'refusée',
  'decision.return': 'renvoyée pour modification',
  valid: 'Signature valide',
  invalid: 'Signature NON VALIDE',
  problems: 'Ce qui ne tient pas',
  notes: 'Ce qui n’a pas pu être comparé',
  verifyLink: 'Vérifier l’authenticité des documents signés de cette demande',
};

const en: Record<keyof typeof fr, string> = {
  genuine: 'Genuine: every signature verifies, and the request’s history is intact.',
  altered:
    'TAMPERING DETECTED: what is stored no longer matches what was signed. Do not take this document as genuine, and contact the town hall.',
  noSignature: 'No signed decision on this request.',
  historyAltered: 'The request’s history was changed (an event altered, removed or added).',
  erased:
    'The request’s data were erased on {date} at the person’s request (right to erasure): the signatures still verify, but can no longer be compared with the data signed.',
  signatures: 'Signatures',
  signedBy: 'Signed by {signer}',
  signedFor: 'Signed by {signer}, on behalf of {onBehalfOf} (delegation)',
  role: 'Role: {role}',
  signedOn: 'on {date}',
  decision: 'Decision: {decision}',
  'decision.approve': 'approved',
  'decision.refuse': 'refused',
  'decision.return': 'returned for changes',
  valid: 'Valid signature',
  invalid: 'Signature NOT VALID',
  problems: 'What does not hold',
  notes: 'What could not be compared',
  verifyLink: 'Check that the signed documents of this request are genuine',
};

export type SignatureChecksText = keyof typeof fr;

export function signatureChecksText(lang: Lang, key: SignatureChecksText, params: Record<string, string> = {}): string {
  return (lang === 'en' ? en : fr)[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? params[name]! : whole,
  );
}

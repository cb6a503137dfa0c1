// Words of the public page that checks a document's signatures (where its QR code leads).
import type { Lang } from '../../composables/useI18n.ts';

const fr = {
  title: 'Vérifier un document',
  intro:
    'Cette page vérifie, sans compte, qu’un document délivré par la mairie est authentique : qui l’a signé, quand, et si rien n’a changé depuis.',
  checking: 'Vérification en cours…',
  notFound:
    'Aucun document délivré ne correspond à ce numéro de suivi et à ce numéro de document. Vérifiez-les ; s’ils sont justes, ce document n’a pas été délivré par la mairie.',
  failed: 'La vérification n’a pas pu être faite : réessayez dans un instant.',
  retry: 'Réessayer',
  document: 'Document',
  number: 'Numéro',
  issuedOn: 'Délivré le',
  by: 'Par',
  request: 'Demande',
  fingerprint: 'Empreinte',
  fingerprintHint: 'Elle doit être celle imprimée sur le document : sinon, son contenu a changé depuis.',
  checkedAt: 'Vérifié le {date}.',
};

const en: Record<keyof typeof fr, string> = {
  title: 'Check a document',
  intro:
    'This page checks, without an account, that a document the town hall issued is genuine: who signed it, when, and that nothing changed since.',
  checking: 'Checking…',
  notFound:
    'No issued document matches this tracking code and document number. Check them; if they are right, the town hall did not issue this document.',
  failed: 'The check could not be made: try again in a moment.',
  retry: 'Try again',
  document: 'Document',
  number: 'Number',
  issuedOn: 'Issued on',
  by: 'By',
  request: 'Request',
  fingerprint: 'Fingerprint',
  fingerprintHint: 'It must be the one printed on the document: if not, its content changed since.',
  checkedAt: 'Checked on {date}.',
};

export type VerificationText = keyof typeof fr;

export function verificationText(lang: Lang, key: VerificationText, params: Record<string, string> = {}): string {
  return (lang === 'en' ? en : fr)[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? params[name]! : whole,
  );
}

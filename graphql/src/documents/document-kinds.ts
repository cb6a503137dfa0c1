import type { Bilingual } from './letter.ts';

/** The PDF documents of a request: file name in its URL and title, French first. */
export const DOCUMENT_KINDS = {
  acknowledgement: {
    file: 'accuse-de-reception.pdf',
    title: { fr: 'Accusé de réception', en: 'Acknowledgement of receipt' },
  },
  implicitAcceptanceCertificate: {
    file: 'certificat-decision-implicite.pdf',
    title: { fr: "Certificat de décision implicite d'acceptation", en: 'Certificate of implicit acceptance' },
  },
  // The signature book's record; `decision` is the template of a letter a task issues.
  signedDecision: {
    file: 'decision.pdf',
    title: { fr: 'Décision et signatures', en: 'Decision and signatures' },
  },
} satisfies Record<string, { file: string; title: Required<Bilingual> }>;

export type DocumentKind = keyof typeof DOCUMENT_KINDS;

/** Where a document is downloaded; the e-mail the request was filed with opens it to the citizen. */
export function documentUrl(publicUrl: string, trackingCode: string, kind: DocumentKind, email: string | null): string {
  const url = new URL(`/documents/${trackingCode}/${DOCUMENT_KINDS[kind].file}`, publicUrl);
  if (email) url.searchParams.set('email', email);
  return url.toString();
}

export function trackingUrl(publicUrl: string, trackingCode: string): string {
  return `${publicUrl}/suivi/${trackingCode}`;
}

/**
 * The public page that checks a request's signatures, and an issued document's when its number is
 * given: where the QR code of the documents leads, under the request's tracking page (no sign-in).
 */
export function verificationUrl(trackingUrl: string, documentNumber?: string): string {
  return `${trackingUrl}/verification${documentNumber ? `/${documentNumber}` : ''}`;
}

import type { VerificationReport } from '../signatures/verification.ts';
import { dateAndTime, dayOf } from './dates.ts';
import { verificationUrl } from './document-kinds.ts';
import { Letter, MUTED } from './letter.ts';
import { letterhead } from './letterhead.ts';
import type { RequestDocument } from './request-document.ts';

const DECISION_WORDS: Record<string, { fr: string; en: string }> = {
  approve: { fr: 'Approuvé', en: 'Approved' },
  refuse: { fr: 'Refusé', en: 'Refused' },
  return: { fr: 'Renvoyé pour modification', en: 'Returned for changes' },
};

const words = (decision: string) => DECISION_WORDS[decision] ?? { fr: decision, en: decision };

/**
 * The decision document of a request: its signatures in order — step, signer (and for whom), role,
 * time, decision, comment, key fingerprint — with what their verification found just now.
 * Undefined when nobody has signed anything on the request yet.
 */
export async function decisionPdf(
  request: RequestDocument,
  report: VerificationReport,
  trackingUrl: string,
  now: Date,
): Promise<Uint8Array | undefined> {
  if (report.signatures.length === 0) return undefined;
  const zone = request.municipality.timeZone;
  const letter = await Letter.create({
    title: `Décision et signatures — ${request.procedureTitle.fr} — ${request.trackingCode}`,
    author: request.municipality.name,
    subject: request.procedureTitle.fr,
    reference: request.trackingCode,
    footer:
      'Chaque décision est signée (ECDSA P-256) dans le navigateur du signataire ; la signature se vérifie en ' +
      `ligne, sans compte : ${verificationUrl(trackingUrl)} (ou \`npx parvis verify ${request.trackingCode}\`).`,
  });
  letterhead(letter, request, 'signedDecision', verificationUrl(trackingUrl));

  const last = report.signatures[report.signatures.length - 1]!;
  letter.row({ fr: 'Demande', en: 'Request' }, request.procedureTitle);
  letter.row({ fr: 'Numéro de suivi', en: 'Tracking code' }, { fr: request.trackingCode }, { size: 12, bold: true });
  letter.row(
    { fr: 'Reçue le', en: 'Received on' },
    { fr: dateAndTime(request.submittedAt, zone, 'fr'), en: dateAndTime(request.submittedAt, zone, 'en') },
  );
  letter.row({ fr: 'Dernière décision', en: 'Latest decision' }, words(last.decision), { bold: true });
  letter.row(
    { fr: 'Vérification', en: 'Verification' },
    report.valid
      ? {
          fr: `Toutes les signatures et la chaîne d'empreintes de l'historique (${report.chain.events} événements) sont intactes.`,
          en: 'Every signature and the history hash chain hold.',
        }
      : {
          fr: 'ALTÉRATION DÉTECTÉE : voir le détail de chaque signature ci-dessous.',
          en: 'TAMPERING DETECTED: see each signature below.',
        },
    { bold: !report.valid },
  );
  // Erased with the citizen's account: the signatures still verify, the data they covered are gone.
  if (report.dataErasedAt) {
    const erased = new Date(report.dataErasedAt);
    letter.row(
      { fr: 'Données de la demande', en: "Request's data" },
      {
        fr: `effacées le ${dateAndTime(erased, zone, 'fr')} (droit à l'effacement) : comparaison impossible avec celles signées`,
        en: `erased on ${dateAndTime(erased, zone, 'en')}: cannot be compared with those signed`,
      },
    );
  }
  for (const problem of report.chain.problems)
    letter.paragraph(`Événement ${problem.position} : ${problem.problem}`, { size: 8.5, color: MUTED, indent: 150 });
  letter.rule();

  letter.paragraph('Signataires / Signers', { size: 12, bold: true });
  letter.gap(4);
  report.signatures.forEach((signature, index) => {
    letter.room(120);
    letter.paragraph(`${index + 1}. ${signature.step}`, { size: 10.5, bold: true });
    const signer = signature.onBehalfOf
      ? {
          fr: `${signature.signer}, pour ${signature.onBehalfOf} (délégation)`,
          en: `on behalf of ${signature.onBehalfOf}`,
        }
      : { fr: signature.signer };
    letter.row({ fr: 'Signataire', en: 'Signer' }, signer);
    letter.row({ fr: 'Rôle', en: 'Role' }, { fr: signature.groups.join(', ') || '—' });
    const at = new Date(signature.signedAt);
    letter.row(
      { fr: 'Signé le', en: 'Signed on' },
      { fr: dateAndTime(at, zone, 'fr'), en: dateAndTime(at, zone, 'en') },
    );
    letter.row({ fr: 'Décision', en: 'Decision' }, words(signature.decision), { bold: true });
    if (signature.comment) letter.row({ fr: 'Commentaire', en: 'Comment' }, { fr: signature.comment });
    letter.row(
      { fr: 'Empreinte de la clé', en: 'Key fingerprint (SHA-256)' },
      { fr: spaced(signature.keyFingerprint) },
      { size: 8 },
    );
    letter.row(
      { fr: 'Signature', en: 'Signature' },
      signature.valid
        ? { fr: 'vérifiée', en: 'verified' }
        : { fr: `NON VALIDE : ${signature.problems.join(' ; ')}`, en: 'NOT VALID' },
      { bold: !signature.valid },
    );
    letter.gap(4);
  });
  letter.gap(12);
  letter.paragraph(`Document établi le ${dayOf(now, zone, 'fr')}, pour ${request.municipality.name}.`, { size: 10 });
  letter.paragraph(`Issued on ${dayOf(now, zone, 'en')}, for ${request.municipality.name}.`, { size: 9, color: MUTED });
  return letter.save();
}

/** A fingerprint in groups of four, so it wraps and is read aloud. */
const spaced = (hex: string) => hex.replace(/(.{4})(?=.)/g, '$1 ');

import { appealRoutes, describeBusinessTime, describeDelay, noImplicitDecision } from '@parvis/engine';
import { dateAndTime, dayOf } from './dates.ts';
import { Letter, MUTED } from './letter.ts';
import { letterhead } from './letterhead.ts';
import type { RequestDocument } from './request-document.ts';

/**
 * The acknowledgement of receipt (« Accusé de réception »), with what CRPA art. R112-5 requires:
 * date of receipt, the service handling the request and how to reach it, and the implicit-decision
 * mention when the procedure has one; then the deadline and what was submitted.
 */
export async function acknowledgementPdf(
  request: RequestDocument,
  trackingUrl: string,
  now: Date,
): Promise<Uint8Array> {
  const { municipality, procedureTitle } = request;
  const zone = municipality.timeZone;
  const letter = await Letter.create({
    title: `Accusé de réception — ${procedureTitle.fr} — ${request.trackingCode}`,
    author: municipality.name,
    subject: procedureTitle.fr,
    reference: request.trackingCode,
    footer:
      'Accusé de réception délivré en application des articles L112-3 et R112-5 du code des relations entre le ' +
      `public et l'administration. Document établi le ${dateAndTime(now, zone, 'fr')}.`,
  });
  letterhead(letter, request, 'acknowledgement', trackingUrl);

  letter.paragraph(`${municipality.name} a bien reçu votre demande.`, { size: 10.5 });
  letter.paragraph(`${municipality.name} has received your request.`, { size: 9, color: MUTED });
  letter.gap(10);
  letter.row({ fr: 'Numéro de suivi', en: 'Tracking code' }, { fr: request.trackingCode }, { size: 12, bold: true });
  letter.row({ fr: 'Démarche', en: 'Procedure' }, procedureTitle);
  letter.row(
    { fr: 'Reçue le', en: 'Received on' },
    { fr: dateAndTime(request.submittedAt, zone, 'fr'), en: dateAndTime(request.submittedAt, zone, 'en') },
  );
  // CRPA art. R112-5: the service in charge and how to reach it — its department when the town recorded one.
  const { department } = request;
  letter.row(
    { fr: 'Service qui la traite', en: 'Handled by' },
    { fr: department ? `${department.name}, ${municipality.name}` : municipality.name },
  );
  if (department?.postal_address) letter.row({ fr: 'Adresse', en: 'Address' }, { fr: department.postal_address });
  if (department?.phone) letter.row({ fr: 'Téléphone', en: 'Phone' }, { fr: department.phone });
  letter.row({ fr: 'Pour nous joindre', en: 'Contact' }, { fr: department?.email ?? municipality.contactEmail });
  const { sla } = request.settings;
  if (sla)
    letter.row(
      { fr: 'Délai de traitement', en: 'Processing time' },
      { fr: describeBusinessTime(sla, 'fr'), en: describeBusinessTime(sla, 'en') },
    );
  if (request.completeAt)
    letter.row(
      { fr: 'Dossier complet le', en: 'File complete on' },
      { fr: dateAndTime(request.completeAt, zone, 'fr'), en: dateAndTime(request.completeAt, zone, 'en') },
    );
  if (request.dueAt) {
    letter.row(
      { fr: 'Réponse au plus tard le', en: 'Answer due by' },
      { fr: dateAndTime(request.dueAt, zone, 'fr'), en: dateAndTime(request.dueAt, zone, 'en') },
    );
  }
  letter.row({ fr: 'Suivre votre demande', en: 'Track your request' }, { fr: trackingUrl });

  const missing = request.missingPieces;
  if (missing) {
    // CRPA art. L114-5: the pieces missing, the time given to send them, and that the delays wait for them.
    const deadline = new Date(`${missing.deadline}T12:00:00Z`);
    letter.rule();
    letter.paragraph('Dossier incomplet', { size: 11, bold: true });
    letter.paragraph('Incomplete file', { size: 8.5, color: MUTED });
    letter.gap(4);
    letter.paragraph(
      `Pour instruire votre demande, il manque les pièces suivantes, à transmettre au plus tard le ${dayOf(deadline, 'UTC', 'fr')} :`,
      { size: 10 },
    );
    for (const piece of missing.missing) letter.paragraph(`– ${piece.fr}`, { size: 10 });
    letter.paragraph(
      'Le délai de traitement de votre demande, et celui au terme duquel le silence de l’administration vaudrait décision, ne courent qu’à compter de la réception de ces pièces (article L114-5 du code des relations entre le public et l’administration).',
      { size: 10 },
    );
    letter.paragraph(
      `To examine your request, these pieces are missing, to be sent by ${dayOf(deadline, 'UTC', 'en')}: ${missing.missing.map((p) => p.en).join('; ')}. The time to deal with your request and the time after which silence would be a decision only start once they are received.`,
      { size: 8.5, color: MUTED },
    );
  }

  const mention = implicitDecisionMention(request);
  if (mention) {
    letter.rule();
    letter.paragraph('Décision implicite', { size: 11, bold: true });
    letter.paragraph('Implicit decision', { size: 8.5, color: MUTED });
    letter.gap(4);
    for (const line of mention.fr) letter.paragraph(line, { size: 10 });
    for (const line of mention.en) letter.paragraph(line, { size: 8.5, color: MUTED });
  }

  letter.rule();
  letter.paragraph('Ce que vous avez transmis', { size: 11, bold: true });
  letter.paragraph('What you submitted', { size: 8.5, color: MUTED });
  letter.gap(6);
  for (const field of request.submitted) letter.row({ fr: field.label }, { fr: field.value });
  return letter.save();
}

/**
 * What silence means (CRPA art. R112-5): acceptance or rejection, after which delay and on which
 * date, counted from the complete file; the appeal routes of an implicit rejection; or that no
 * implicit decision applies and why. Nothing while the file is incomplete: the date is not known yet.
 */
function implicitDecisionMention(request: RequestDocument): { fr: string[]; en: string[] } | undefined {
  const { settings } = request;
  if (request.silenceRegime === 'none')
    return {
      fr: [noImplicitDecision('fr', settings.silenceReason)],
      en: [noImplicitDecision('en', settings.silenceReason)],
    };
  const at = request.implicitDecisionAt;
  if (!at || request.missingPieces) return undefined;
  const zone = request.municipality.timeZone;
  const [fr, en] = [dayOf(at, zone, 'fr'), dayOf(at, zone, 'en')];
  const [delayFr, delayEn] = [describeDelay(settings.silenceDelay, 'fr'), describeDelay(settings.silenceDelay, 'en')];
  const [from, fromEn] = request.completeAt
    ? ['du dossier complet', 'of the complete file']
    : ['de votre demande', 'of your request'];
  if (request.silenceRegime === 'acceptance')
    return {
      fr: [
        `Sans réponse de l'administration dans un délai de ${delayFr} à compter de la réception ${from}, soit au ${fr}, votre demande sera réputée acceptée.`,
      ],
      en: [
        `Without an answer from the administration within ${delayEn} of the receipt ${fromEn}, that is by ${en}, your request will be deemed accepted.`,
      ],
    };
  return {
    fr: [
      `Sans réponse de l'administration dans un délai de ${delayFr} à compter de la réception ${from}, soit au ${fr}, votre demande sera réputée rejetée.`,
      ...appealRoutes('implicitRejection', 'fr'),
    ],
    en: [
      `Without an answer from the administration within ${delayEn} of the receipt ${fromEn}, that is by ${en}, your request will be deemed rejected.`,
      ...appealRoutes('implicitRejection', 'en'),
    ],
  };
}

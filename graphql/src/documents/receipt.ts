import { dateAndTime, dayOf } from './dates.ts';
import { type Bilingual, Letter, MUTED } from './letter.ts';
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
  letter.row({ fr: 'Service qui la traite', en: 'Handled by' }, { fr: municipality.name });
  letter.row({ fr: 'Pour nous joindre', en: 'Contact' }, { fr: municipality.contactEmail });
  if (request.dueAt) {
    letter.row(
      { fr: 'Réponse au plus tard le', en: 'Answer due by' },
      { fr: dateAndTime(request.dueAt, zone, 'fr'), en: dateAndTime(request.dueAt, zone, 'en') },
    );
  }
  letter.row({ fr: 'Suivre votre demande', en: 'Track your request' }, { fr: trackingUrl });

  const mention = implicitDecisionMention(request);
  if (mention) {
    letter.rule();
    letter.paragraph('Décision implicite', { size: 11, bold: true });
    letter.paragraph('Implicit decision', { size: 8.5, color: MUTED });
    letter.gap(4);
    letter.paragraph(mention.fr, { size: 10 });
    if (mention.en) letter.paragraph(mention.en, { size: 8.5, color: MUTED });
  }

  letter.rule();
  letter.paragraph('Ce que vous avez transmis', { size: 11, bold: true });
  letter.paragraph('What you submitted', { size: 8.5, color: MUTED });
  letter.gap(6);
  for (const field of request.submitted) letter.row({ fr: field.label }, { fr: field.value });
  return letter.save();
}

function implicitDecisionMention(request: RequestDocument): Bilingual | undefined {
  const at = request.implicitDecisionAt;
  if (request.silenceRegime === 'none' || !at) return undefined;
  const zone = request.municipality.timeZone;
  const [fr, en] = [dayOf(at, zone, 'fr'), dayOf(at, zone, 'en')];
  if (request.silenceRegime === 'acceptance') {
    return {
      fr: `Sans réponse de l'administration au ${fr}, votre demande sera réputée acceptée.`,
      en: `Without an answer from the administration by ${en}, your request will be deemed accepted.`,
    };
  }
  return {
    fr:
      `Sans réponse de l'administration au ${fr}, votre demande sera réputée rejetée. Vous pourrez contester ` +
      'cette décision implicite de rejet devant le tribunal administratif dans un délai de deux mois à compter de ' +
      'cette date.',
    en:
      `Without an answer from the administration by ${en}, your request will be deemed rejected; you may ` +
      'challenge that decision before the administrative court within two months of that date.',
  };
}

import { acceptanceAppealRoutes, dateSpelledOut } from '@parvis/engine';
import { dateAndTime, dayOf } from './dates.ts';
import { Letter, MUTED } from './letter.ts';
import { letterhead } from './letterhead.ts';
import type { RequestDocument } from './request-document.ts';

/**
 * The certificate of implicit acceptance (CRPA art. L232-3): the request, its date of receipt and
 * the date on which the administration's silence made it accepted. Only for a request whose
 * implicit decision is an acceptance: `acceptedAt` is that decision's date.
 */
export async function implicitAcceptanceCertificatePdf(
  request: RequestDocument,
  acceptedAt: Date,
  trackingUrl: string,
  now: Date,
): Promise<Uint8Array> {
  const { municipality, procedureTitle } = request;
  const zone = municipality.timeZone;
  const received = {
    fr: dateAndTime(request.submittedAt, zone, 'fr'),
    en: dateAndTime(request.submittedAt, zone, 'en'),
  };
  const accepted = { fr: dayOf(acceptedAt, zone, 'fr'), en: dayOf(acceptedAt, zone, 'en') };
  // The delay ran from the complete file when pieces were missing (CRPA art. L114-5).
  const complete = request.completeAt
    ? { fr: dateAndTime(request.completeAt, zone, 'fr'), en: dateAndTime(request.completeAt, zone, 'en') }
    : undefined;
  const acceptedDay = new Intl.DateTimeFormat('sv-SE', { timeZone: zone }).format(acceptedAt);
  const letter = await Letter.create({
    title: `Certificat de décision implicite d'acceptation — ${procedureTitle.fr} — ${request.trackingCode}`,
    author: municipality.name,
    subject: procedureTitle.fr,
    reference: request.trackingCode,
    footer:
      "Certificat délivré en application de l'article L232-3 du code des relations entre le public et " +
      `l'administration. Vérifiable en ligne : ${trackingUrl}`,
  });
  letterhead(letter, request, 'implicitAcceptanceCertificate', trackingUrl);

  // Its legal basis, as decisions state it.
  for (const visa of [
    'Vu le code des relations entre le public et l’administration, notamment ses articles L231-1, L232-3 et L114-5 ;',
    `Vu la demande reçue le ${received.fr}${complete ? `, complète le ${complete.fr}` : ''} ;`,
  ])
    letter.paragraph(visa, { size: 10 });
  letter.gap(6);

  letter.paragraph(
    `${municipality.name} certifie que la demande désignée ci-dessous, reçue le ${received.fr}` +
      `${complete ? ` et complète le ${complete.fr}` : ''}, n'a pas reçu ` +
      "de réponse dans le délai prévu. Conformément à l'article L231-1 du code des relations entre le public et " +
      "l'administration, le silence gardé par l'administration vaut décision d'acceptation : cette décision " +
      `implicite d'acceptation est née ${dateSpelledOut(acceptedDay, 'fr')} (${accepted.fr}).`,
    { size: 10.5 },
  );
  letter.gap(4);
  letter.paragraph(
    `${municipality.name} certifies that the request below, received on ${received.en}, was not answered in ` +
      `time; under French law, the administration's silence amounts to acceptance, which took effect on ${accepted.en}.`,
    { size: 9, color: MUTED },
  );
  letter.gap(12);
  letter.row({ fr: 'Demande', en: 'Request' }, procedureTitle);
  letter.row({ fr: 'Numéro de suivi', en: 'Tracking code' }, { fr: request.trackingCode }, { size: 12, bold: true });
  if (request.citizenEmail) letter.row({ fr: 'Demandeur', en: 'Applicant' }, { fr: request.citizenEmail });
  letter.row({ fr: 'Reçue le', en: 'Received on' }, received);
  if (complete) letter.row({ fr: 'Dossier complet le', en: 'File complete on' }, complete);
  letter.row({ fr: 'Acceptée implicitement le', en: 'Implicitly accepted on' }, accepted, { bold: true });
  letter.gap(8);
  for (const line of acceptanceAppealRoutes('fr')) letter.paragraph(line, { size: 9 });
  for (const line of acceptanceAppealRoutes('en')) letter.paragraph(line, { size: 8, color: MUTED });
  letter.gap(16);
  letter.paragraph(`Fait le ${dayOf(now, zone, 'fr')}, pour ${municipality.name}.`, { size: 10.5 });
  letter.paragraph(`Issued on ${dayOf(now, zone, 'en')}, for ${municipality.name}.`, { size: 9, color: MUTED });
  return letter.save();
}

import type { ReplyTemplateText } from '@parvis/engine';
import type { Address } from '../citizens/repository.ts';
import type { RenderedTemplate } from '../templates/render.ts';
import { dateAndTime, dayOf } from './dates.ts';
import { Letter, MUTED } from './letter.ts';
import { letterhead } from './letterhead.ts';
import type { RequestDocument } from './request-document.ts';

/** Who the letter goes to: the name and postal address printed above the text. */
export interface LetterRecipient {
  name: string;
  address: Address | null;
}

/** The reply a letter carries when the agent picks no template: the request is received, under this code. */
export const DEFAULT_REPLY_LETTER: ReplyTemplateText = {
  subjectFr: 'Votre demande « {{procedureTitle}} »',
  bodyFr: [
    'Madame, Monsieur,',
    '',
    '{{municipality}} a bien reçu votre demande « {{procedureTitle}} » le {{submittedAt}}.',
    'Elle est enregistrée sous le numéro de suivi {{trackingCode}}, à rappeler dans toute correspondance.',
    'Vous pouvez en suivre l’avancement sur {{trackingUrl}}, à l’accueil de la mairie ou par téléphone.',
    '',
    'Nous vous prions d’agréer, Madame, Monsieur, nos salutations distinguées.',
  ].join('\n'),
  subjectEn: 'Your request "{{procedureTitle}}"',
  bodyEn: [
    '{{municipality}} received your request "{{procedureTitle}}" on {{submittedAt}}.',
    'Its tracking code is {{trackingCode}}: please quote it in any correspondence.',
    'You can follow it at {{trackingUrl}}, at the town hall’s front desk or by phone.',
  ].join('\n'),
};

/**
 * A reply sent by post, to print: the town's letterhead with the QR code to the request, the
 * citizen's name and address, the date, the tracking code and the subject, then the reply in
 * French and, smaller, in English.
 */
export async function replyLetterPdf(
  request: RequestDocument,
  reply: RenderedTemplate,
  recipient: LetterRecipient,
  trackingUrl: string,
  now: Date,
): Promise<Uint8Array> {
  const { municipality } = request;
  const zone = municipality.timeZone;
  const letter = await Letter.create({
    title: `${reply.subject || 'Courrier'} — ${request.trackingCode}`,
    author: municipality.name,
    subject: request.procedureTitle.fr,
    reference: request.trackingCode,
    footer: `${municipality.name} — ${municipality.contactEmail}. Courrier établi le ${dateAndTime(now, zone, 'fr')}.`,
  });
  letterhead(letter, request, { fr: 'Courrier', en: 'Letter' }, trackingUrl);

  const address = recipient.address;
  const lines = [recipient.name, address?.street, address ? `${address.postalCode} ${address.city}` : undefined];
  for (const line of lines.filter((l): l is string => !!l?.trim())) {
    letter.paragraph(line, { size: 11, indent: letter.width / 2 });
  }
  letter.gap(14);
  letter.paragraph(`Le ${dayOf(now, zone, 'fr')}`, { size: 10, indent: letter.width / 2 });
  letter.gap(14);
  letter.row({ fr: 'Numéro de suivi', en: 'Tracking code' }, { fr: request.trackingCode }, { size: 12, bold: true });
  if (reply.subject) {
    letter.row(
      { fr: 'Objet', en: 'Subject' },
      { fr: reply.subject, en: reply.subjectEn && reply.subjectEn !== reply.subject ? reply.subjectEn : undefined },
    );
  }
  letter.gap(8);
  letter.paragraph(reply.body, { size: 10.5 });
  letter.gap(14);
  letter.paragraph(municipality.name, { size: 10.5, bold: true, indent: letter.width / 2 });
  if (reply.bodyEn) {
    letter.rule();
    letter.paragraph('English version', { size: 9, bold: true, color: MUTED });
    letter.paragraph(reply.bodyEn, { size: 9, color: MUTED });
  }
  return letter.save();
}

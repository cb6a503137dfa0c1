import type { exportCitizenData } from '../accounts/my-data.ts';
import { dateAndTime } from '../documents/dates.ts';
import { Letter, MUTED } from '../documents/letter.ts';
import { CHANNELS, STATUSES } from '../requests/export/export-columns.ts';

/** Everything the town keeps about a person, as exportCitizenData gives it. */
export type PersonExport = Awaited<ReturnType<typeof exportCitizenData>>;

const valueText = (value: unknown): string =>
  value === null || value === undefined || value === ''
    ? '—'
    : typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : JSON.stringify(value);

/**
 * The same export as a document a person reads (right of access, RGPD art. 15): who they are to
 * the town, their consents, then each request with what they wrote, the files they sent, the
 * conversation and the steps it went through. French, with English beneath the headings.
 */
export async function personExportPdf(
  data: PersonExport,
  town: { name: string; contactEmail: string; timeZone: string },
  reference: string,
  /** each request's form fields as its form labels them, by tracking code */
  labels: Map<string, Record<string, string>>,
): Promise<Uint8Array> {
  const at = (iso: string | null) => (iso ? dateAndTime(new Date(iso), town.timeZone, 'fr') : '—');
  const letter = await Letter.create({
    title: `Données personnelles — ${reference}`,
    author: town.name,
    subject: 'Droit d’accès (RGPD art. 15) / Right of access (GDPR art. 15)',
    reference,
    footer: `${town.name} — ${town.contactEmail}. Export du ${at(data.exportedAt)}.`,
  });
  letter.paragraph(town.name, { size: 11, bold: true });
  letter.paragraph('Vos données personnelles', { size: 16, bold: true });
  letter.paragraph('Your personal data', { size: 11, color: MUTED });
  letter.gap(8);
  letter.paragraph(
    `Voici tout ce que ${town.name} conserve à votre sujet dans Parvis, au ${at(data.exportedAt)}. / Everything the town keeps about you.`,
  );
  letter.gap(8);
  const { profile } = data;
  letter.row({ fr: 'Prénom', en: 'First name' }, { fr: valueText(profile.firstName) });
  letter.row({ fr: 'Nom', en: 'Last name' }, { fr: valueText(profile.lastName) });
  letter.row({ fr: 'E-mail', en: 'E-mail' }, { fr: valueText(profile.email) });
  letter.row({ fr: 'Téléphone', en: 'Phone' }, { fr: valueText(profile.phone) });
  for (const address of profile.addresses)
    letter.row({ fr: 'Adresse', en: 'Address' }, { fr: `${address.street}, ${address.postalCode} ${address.city}` });
  letter.row({ fr: 'Connu depuis le', en: 'Known since' }, { fr: at(profile.createdAt) });
  for (const consent of data.consents)
    letter.row(
      { fr: 'Consentement', en: 'Consent' },
      {
        fr: `${consent.purpose} : « ${consent.text} », donné le ${at(consent.givenAt)}${consent.withdrawnAt ? `, retiré le ${at(consent.withdrawnAt)}` : ''}`,
      },
    );
  for (const request of data.requests) {
    letter.gap(10);
    letter.rule();
    letter.paragraph(`${request.procedure} — ${request.trackingCode}`, { size: 12, bold: true });
    const words = (list: typeof STATUSES, key: string) => list[key] ?? { fr: key, en: key };
    const channel = words(CHANNELS, request.channel);
    letter.row(
      { fr: 'Déposée le', en: 'Filed on' },
      { fr: `${at(request.submittedAt)} (${channel.fr})`, en: channel.en },
    );
    letter.row({ fr: 'État', en: 'Status' }, words(STATUSES, request.status));
    if (request.closedAt) letter.row({ fr: 'Close le', en: 'Closed on' }, { fr: at(request.closedAt) });
    const fieldLabels = labels.get(request.trackingCode) ?? {};
    for (const [field, value] of Object.entries(request.data ?? {}))
      letter.row({ fr: fieldLabels[field] ?? field }, { fr: valueText(value) });
    for (const file of request.files)
      letter.row(
        { fr: 'Pièce jointe', en: 'File' },
        { fr: `${file.name} (${file.size} octets, ${at(file.uploadedAt)})` },
      );
    for (const message of request.conversation)
      letter.row(
        { fr: message.from === 'citizen' ? 'Votre message' : 'Message de la mairie', en: at(message.sentAt) },
        { fr: valueText(message.text) },
      );
    letter.row(
      { fr: 'Étapes (codes)', en: 'Steps (codes)' },
      { fr: request.timeline.map((event) => `${at(event.occurredAt)} : ${event.kind}`).join('\n') || '—' },
    );
  }
  if (data.requests.length === 0) {
    letter.gap(8);
    letter.paragraph('Aucune demande. / No request.');
  }
  return letter.save();
}

/** What the acknowledgement says: French first, English second. */
export interface AcknowledgementText {
  subject: string;
  text: string;
}

export function acknowledgementText(input: {
  trackingCode: string;
  procedureTitle: { fr: string; en: string };
  municipalityName: string;
  contactEmail: string;
  receivedAt: Date;
  timeZone: string;
  trackingUrl: string;
}): AcknowledgementText {
  const dateFr = new Intl.DateTimeFormat('fr-FR', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: input.timeZone,
  }).format(input.receivedAt);
  const dateEn = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: input.timeZone,
  }).format(input.receivedAt);
  return {
    subject: `Accusé de réception — ${input.procedureTitle.fr} — ${input.trackingCode}`,
    text: [
      'Bonjour,',
      '',
      `${input.municipalityName} a bien reçu votre demande « ${input.procedureTitle.fr} » le ${dateFr}.`,
      `Votre numéro de suivi : ${input.trackingCode}`,
      `Suivre votre demande : ${input.trackingUrl}`,
      `Service qui la traite : ${input.municipalityName} — ${input.contactEmail}`,
      '',
      '---',
      '',
      'Hello,',
      '',
      `${input.municipalityName} received your request "${input.procedureTitle.en}" on ${dateEn}.`,
      `Your tracking code: ${input.trackingCode}`,
      `Follow your request: ${input.trackingUrl}`,
      `Handled by: ${input.municipalityName} — ${input.contactEmail}`,
    ].join('\n'),
  };
}

import { describe, expect, it } from 'vitest';
import { procedureScenario } from '../scenarios/procedure-story.ts';
import { englishPart } from '../support/bilingual.ts';
import { eventually } from '../support/graphql-client.ts';
import { pdfText } from '../support/pdf.ts';

// Issue 14, point 9: what citizens read says words, not codes — options by their labels, dates in
// words in each language (English texts get English dates), places as addresses, or in words.

const REPAIR = 'Intervenir sur la voirie';
const CONVERSATION = `query ($code: String!, $email: String!) { request(trackingCode: $code, email: $email) {
  conversation { messages { from text } } } }`;

/** Today in Paris, in the words of each language: the day the request is received. */
const today = (locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(new Date());

const pothole = (email: string, place: Record<string, unknown>) => ({
  categorie: 'chaussee',
  message: 'Un trou profond au milieu de la chaussée.',
  latitude: 48.8566,
  longitude: 2.3522,
  email,
  ...place,
});

describe('words, not codes, in what citizens read', () => {
  const story = procedureScenario('signalement');

  it('closes a pothole report with a mail in words: tracking code, category label, address, dates in each language', async () => {
    // given a pothole reported at an address, which the roads team fixes on 2 March
    const code = await story.submit(pothole('ana@example.fr', { address: '12 rue de la Gare' }));
    await story.complete('voirie', code, REPAIR, {
      resolution: 'repare',
      commentaireIntervention: 'Nid-de-poule rebouché à l’enrobé à froid.',
      dateIntervention: '2026-03-02',
    });

    // when the citizen reads the closing mail
    const mail = await story.mail('ana@example.fr', `Votre signalement ${code}`);

    // then it carries the tracking code and says everything in words, in French
    expect(mail.subject).toBe(`Votre signalement ${code} : Réparé ou nettoyé`);
    expect(mail.text).toContain(`Votre signalement ${code} du ${today('fr-FR')} a été traité.`);
    expect(mail.text).toContain('Problème signalé : Nid-de-poule, chaussée ou trottoir abîmé');
    expect(mail.text).toContain('Lieu : 12 rue de la Gare');
    expect(mail.text).toContain('Résultat : Réparé ou nettoyé');
    expect(mail.text).toContain("Date de l'intervention : 2 mars 2026");
    expect(mail.text).toContain('Commentaire du service : Nid-de-poule rebouché à l’enrobé à froid.');
    // then in English, with English dates
    const english = englishPart(mail.text);
    expect(english).toContain(`Your report ${code} of ${today('en-GB')} has been dealt with.`);
    expect(english).toContain('Date of the work: 2 March 2026');
    expect(english).toContain('Place: 12 rue de la Gare');
    // and no code nor raw value anywhere
    for (const raw of ['chaussee', 'repare', '2026-03-02', '48.8566']) expect(mail.text).not.toContain(raw);

    // and the tracking page shows the town hall's reply in words, with the agent's comment
    const reply = await eventually(async () => {
      const { request } = await story.parvis
        .client()
        .data<{ request: { conversation: { messages: { from: string; text: string }[] } } }>(CONVERSATION, {
          code,
          email: 'ana@example.fr',
        });
      return request.conversation.messages.find((m) => m.from === 'townHall' && m.text.includes('Réparé ou nettoyé'));
    });
    expect(reply.text).toContain('Commentaire du service : Nid-de-poule rebouché à l’enrobé à froid.');
    expect(reply.text).toContain("Date de l'intervention : 2 mars 2026");
  });

  it('says a place given only on the map in words, not raw coordinates', async () => {
    // given a report placed on the map without an address, found to need nothing
    const code = await story.submit(
      pothole('bruno@example.fr', { address: '', latitude: 48.85661, longitude: 2.35219 }),
    );
    await story.complete('voirie', code, REPAIR, {
      resolution: 'non-fonde',
      commentaireIntervention: 'La chaussée est en bon état à cet endroit.',
    });

    // then the mail says where in words, in each language, and leaves out the date it does not have
    const mail = await story.mail('bruno@example.fr', `Votre signalement ${code} : Rien à faire sur place`);
    expect(mail.text).toContain('Lieu : près de 48,8566° N, 2,3522° E');
    expect(englishPart(mail.text)).toContain('Place: near 48.8566° N, 2.3522° E');
    expect(mail.text).not.toContain("Date de l'intervention");
  });

  it('gives English acknowledgements English dates, and receipts labels, not keys', async () => {
    // given a report filed today
    const code = await story.submit(pothole('chloe@example.fr', { address: '3 rue Haute' }));

    // then its acknowledgement dates it in French words, then in English words
    const ack = await story.mail('chloe@example.fr', `Signalement enregistré — ${code}`);
    expect(ack.text).toContain(`reçu par Mairie de Démoville le ${today('fr-FR')}`);
    expect(englishPart(ack.text)).toContain(`received by Mairie de Démoville on ${today('en-GB')}`);
    expect(englishPart(ack.text)).not.toMatch(
      /\b(janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b/,
    );

    // and its receipt (PDF) names the problem by its label, not its key
    const receipt = (await story.documents(code, 'chloe@example.fr')).find((d) => d.kind === 'acknowledgement')!;
    const text = await pdfText(new Uint8Array(await story.download(receipt.url)));
    expect(text).toContain('Nid-de-poule, chaussée ou trottoir abîmé');
    expect(text).not.toMatch(/\bchaussee\b/);
  });
});

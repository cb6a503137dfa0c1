import { describe, expect, it } from 'vitest';
import { englishPart } from '../support/bilingual.ts';
import { rawValues } from '../support/raw-values.ts';
import { type ProcedureStory, procedureScenario } from './procedure-story.ts';

const birthExtract = async (story: ProcedureStory, email: string) => ({
  typeActe: 'naissance',
  typeCopie: 'extrait-avec-filiation',
  nom: 'Durand',
  prenoms: 'Léa Marie',
  dateEvenement: '1990-04-12',
  lieuEvenement: 'Démoville',
  nomsParents: 'Jean Durand et Sophie Martin',
  qualiteDemandeur: 'titulaire',
  pieceIdentite: await story.attach('pieceIdentite', 'carte-identite.pdf'),
  email,
});

/** No mail to the citizen shows a value as the workflow holds it (an ISO date, an option key). */
const inWords = (story: ProcedureStory, email: string) =>
  story.mailsTo(email).flatMap((mail) =>
    // (not `naissance` or `mariage`: French words the officer's own texts may use)
    rawValues(`${mail.subject}\n${mail.text}`, [
      'extrait-avec-filiation',
      'copie-integrale',
      'titulaire',
      'descendant',
      'conforme',
      'a-completer',
    ]),
  );

describe('etat-civil: a copy of a civil status certificate, identity checked, the document issued', () => {
  const story = procedureScenario('etat-civil');

  it('checks the identity, issues the birth extract as a PDF and sends it to the citizen', async () => {
    // given a birth extract requested by its holder
    const code = await story.submit(await birthExtract(story, 'lea.durand@example.fr'));
    const ack = await story.mail('lea.durand@example.fr', `Demande d'acte d'état civil reçue — ${code}`);
    expect(ack.text).toContain("La délivrance d'un acte d'état civil est gratuite.");

    // when the civil status officer checks it and gives the act's number
    await story.complete('etatCivil', code, "Vérifier l'identité et le droit à l'acte", {
      verification: 'conforme',
      numeroActe: '1990-N-0142',
      mentionsMarginales: 'Mariée le 3 juin 2015 à Démoville',
    });

    // then the extract is issued and the citizen gets its link
    const sent = await story.mail('lea.durand@example.fr', "Votre acte d'état civil est délivré");
    const link = /http\S+\.pdf\?email=\S+/.exec(sent.text)?.[0];
    expect(link).toBeDefined();
    const documents = await story.documents(code, 'lea.durand@example.fr');
    expect(documents.map((d) => d.kind)).toEqual(['acknowledgement', 'civil-status-extract']);
    expect(documents[1]?.title).toBe("Extrait d'acte d'état civil");
    const pdf = await story.download(link!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    // and the request closes within its 3 business days, its history complete
    const tracked = await story.closed(code, 'lea.durand@example.fr');
    expect(tracked.timeline.map((e) => e.kind)).toEqual([
      'submitted',
      'taskOpened',
      'acknowledged',
      'notified',
      'taskCompleted',
      'closed',
    ]);
    expect((await story.row(code)).sla_state).toBe('onTime');
    expect(inWords(story, 'lea.durand@example.fr')).toEqual([]);
  });

  it('asks for a missing proof with the clock stopped, then refuses with a reasoned decision', async () => {
    // given a marriage certificate asked by someone who proves no link
    const code = await story.submit({
      ...(await birthExtract(story, 'paul.martin@example.fr')),
      typeActe: 'mariage',
      typeCopie: 'copie-integrale',
      nomConjoint: 'Martin',
      prenomsConjoint: 'Paul',
      qualiteDemandeur: 'descendant',
    });

    // when the officer asks for a proof of filiation
    await story.complete('etatCivil', code, "Vérifier l'identité et le droit à l'acte", {
      verification: 'a-completer',
      pieceDemandee: 'une copie de votre acte de naissance prouvant votre filiation',
    });

    // then the citizen is asked, and the SLA clock stops while they look for it
    const asked = await story.mail('paul.martin@example.fr', 'un justificatif manque');
    expect(asked.text).toContain('une copie de votre acte de naissance prouvant votre filiation');
    // in French, then in English after the separator line
    expect(englishPart(asked.text)).toContain('The processing time is on hold until you do.');
    await story.timelineEvent(code, 'slaPaused');
    expect((await story.row(code)).sla_state).toBe('paused');

    // when they send it, the clock runs again and the officer checks anew
    await story.deliver(code, 'justificatif', {}, 'paul.martin@example.fr');
    await story.timelineEvent(code, 'slaResumed');
    await story.complete('etatCivil', code, "Vérifier l'identité et le droit à l'acte", {
      verification: 'refus',
      motifRefus:
        'Le justificatif fourni ne prouve pas de lien de filiation avec les époux (art. 30 du décret n° 2017-890).',
    });

    // then a reasoned refusal is issued and sent; no certificate is
    const refused = await story.mail('paul.martin@example.fr', 'ne peut pas aboutir');
    expect(refused.text).toContain('ne prouve pas de lien de filiation');
    expect(englishPart(refused.text)).toContain(
      'We cannot issue the certificate you asked for: Le justificatif fourni',
    );
    const decision = /http\S+\.pdf\?email=\S+/.exec(refused.text)?.[0];
    expect((await story.download(decision!)).subarray(0, 5).toString()).toBe('%PDF-');
    const documents = await story.documents(code, 'paul.martin@example.fr');
    expect(documents.map((d) => d.kind)).toEqual(['acknowledgement', 'decision']);
    const tracked = await story.closed(code, 'paul.martin@example.fr');
    const kinds = tracked.timeline.map((e) => e.kind);
    expect(kinds.filter((k) => k === 'taskCompleted')).toHaveLength(2);
    expect(kinds.indexOf('slaPaused')).toBeLessThan(kinds.indexOf('messageReceived'));
    expect(kinds.indexOf('messageReceived')).toBeLessThan(kinds.indexOf('slaResumed'));
    expect(inWords(story, 'paul.martin@example.fr')).toEqual([]);
  });
});

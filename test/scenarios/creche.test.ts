import { describe, expect, it } from 'vitest';
import { englishPart } from '../support/bilingual.ts';
import { rawValues } from '../support/raw-values.ts';
import { type ProcedureStory, procedureScenario } from './procedure-story.ts';

const application = async (story: ProcedureStory, email: string, prenomEnfant: string) => ({
  prenomEnfant,
  nomEnfant: 'Roux',
  dateNaissance: '2025-11-02',
  dateEntree: '2026-09-01',
  joursParSemaine: 4,
  etablissement: 'les-lutins',
  nomParent: 'Camille Roux',
  revenusAnnuels: 42000,
  justificatifDomicile: await story.attach('justificatifDomicile', 'facture-edf.pdf'),
  avisImposition: await story.attach('avisImposition', 'avis-imposition-2025.pdf'),
  email,
});

const CHECK = 'Vérifier le dossier';
const COMMITTEE = "Donner l'avis de la commission d'attribution";
const WAITING_LIST = "Suivre la liste d'attente";
/** Option keys the parents' mails must name in words, if at all. */
const KEYS = ['les-lutins', 'admis', 'incomplet', 'place-liberee'];

/** No mail to the parents shows a value as the workflow holds it (an ISO date, an option key). */
const inWords = (story: ProcedureStory, email: string) =>
  story.mailsTo(email).flatMap((mail) => rawValues(`${mail.subject}\n${mail.text}`, KEYS));

describe('creche: a nursery application, decided by the allocation committee as an approval chain', () => {
  const story = procedureScenario('creche');

  it('goes through the committee member after member, grants a place and sends the letter', async () => {
    // given a complete application
    const code = await story.submit(await application(story, 'roux@example.fr', 'Zoé'));
    await story.mail('roux@example.fr', `Demande d'inscription en crèche reçue — ${code}`);
    await story.complete('petiteEnfance', code, CHECK, { dossier: 'complet' });

    // then the committee's chain opens one member at a time: the service first, the deputy mayor after
    const first = await story.task('petiteEnfance', code, COMMITTEE);
    expect(first.candidateGroups).toEqual(['petite-enfance']);
    expect(await story.hasTask('adjointe', code, COMMITTEE)).toBe(false);
    await story.complete('petiteEnfance', code, COMMITTEE, { avis: 'admis' });
    const second = await story.task('adjointe', code, COMMITTEE);
    expect(second.candidateGroups).toEqual(['elus']);
    await story.complete('adjointe', code, COMMITTEE, { avis: 'admis' });

    // then the place is granted by letter
    const granted = await story.mail('roux@example.fr', 'Une place en crèche pour Zoé');
    // with its date in words, in French then in English
    expect(granted.text).toContain('à compter du 1 septembre 2026');
    expect(englishPart(granted.text)).toContain('a place starting on 1 September 2026');
    const link = /http\S+\.pdf\?email=\S+/.exec(granted.text)?.[0];
    expect((await story.download(link!)).subarray(0, 5).toString()).toBe('%PDF-');
    const documents = await story.documents(code, 'roux@example.fr');
    expect(documents.map((d) => [d.kind, d.title])).toEqual([
      ['acknowledgement', 'Accusé de réception'],
      ['letter', "Attribution d'une place en crèche"],
    ]);
    const tracked = await story.closed(code, 'roux@example.fr');
    expect(tracked.timeline.filter((e) => e.kind === 'taskCompleted').map((e) => e.payload.name)).toEqual([
      CHECK,
      COMMITTEE,
      COMMITTEE,
    ]);
    expect(inWords(story, 'roux@example.fr')).toEqual([]);
  });

  it('asks for missing documents, puts the child on the waiting list, then grants the place that frees up', async () => {
    // given an application missing a document
    const code = await story.submit(await application(story, 'bernard@example.fr', 'Malo'));
    await story.complete('petiteEnfance', code, CHECK, {
      dossier: 'incomplet',
      piecesManquantes: 'le livret de famille',
    });
    const asked = await story.mail('bernard@example.fr', 'pièces manquantes');
    expect(asked.text).toContain('il nous manque : le livret de famille');
    // in French, then in English after the separator line
    expect(englishPart(asked.text)).toContain('we still need: le livret de famille');
    await story.timelineEvent(code, 'slaPaused');

    // when the parents send it and the committee has no place yet
    await story.deliver(code, 'pieces-recues', { livretFamille: 'livret.pdf' }, 'bernard@example.fr');
    await story.complete('petiteEnfance', code, CHECK, { dossier: 'complet' });
    await story.complete('petiteEnfance', code, COMMITTEE, { avis: 'attente' });
    await story.complete('adjointe', code, COMMITTEE, { avis: 'attente' });

    // then the child is on the waiting list, which the service follows
    await story.mail('bernard@example.fr', "Inscription en crèche de Malo : liste d'attente");
    await story.task('petiteEnfance', code, WAITING_LIST);
    expect((await story.track(code, 'bernard@example.fr')).status).toBe('inProgress');

    // when a place frees up
    await story.complete('petiteEnfance', code, WAITING_LIST, { suiteListeAttente: 'place-liberee' });

    // then it is granted by letter
    await story.mail('bernard@example.fr', 'Une place en crèche pour Malo');
    await story.closed(code, 'bernard@example.fr');
    expect(inWords(story, 'bernard@example.fr')).toEqual([]);
  });

  it('ends the chain at the first refusal and sends a reasoned answer', async () => {
    // given a complete application the service refuses
    const code = await story.submit(await application(story, 'nadia@example.fr', 'Inès'));
    await story.complete('petiteEnfance', code, CHECK, { dossier: 'complet' });
    await story.complete('petiteEnfance', code, COMMITTEE, {
      avis: 'refus',
      motifAvis: "Le foyer ne réside pas sur la commune, condition du règlement d'attribution.",
    });

    // then the deputy mayor is not asked, and the parents get the reasons
    const answer = await story.mail('nadia@example.fr', 'réponse de la commission');
    expect(answer.text).toContain("n'a pas pu attribuer de place à Inès");
    expect(englishPart(answer.text)).toContain('The allocation committee could not offer Inès a place.');
    expect(await story.hasTask('adjointe', code, COMMITTEE)).toBe(false);
    const documents = await story.documents(code, 'nadia@example.fr');
    expect(documents.map((d) => [d.kind, d.title])).toContainEqual([
      'decision',
      "Réponse à votre demande d'inscription en crèche",
    ]);
    await story.closed(code, 'nadia@example.fr');
    expect(inWords(story, 'nadia@example.fr')).toEqual([]);
  });
});

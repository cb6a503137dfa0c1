import { beforeAll, describe, expect, it } from 'vitest';
import { englishPart } from '../support/bilingual.ts';
import { rawValues } from '../support/raw-values.ts';
import { Signatory } from '../support/signatory.ts';
import { type ProcedureStory, procedureScenario } from './procedure-story.ts';

const terrace = async (story: ProcedureStory, email: string) => ({
  qualite: 'entreprise',
  raisonSociale: 'Café du Marché',
  siret: '12345678901234',
  nomDemandeur: 'Luc Petit',
  typeOccupation: 'terrasse',
  adresse: '2 place du Marché',
  latitude: 48.85,
  longitude: 2.35,
  surface: 12,
  dateDebut: '2026-05-01',
  dateFin: '2026-09-30',
  plan: await story.attach('plan', 'plan-terrasse.pdf'),
  attestationAssurance: await story.attach('attestationAssurance', 'assurance-rc.pdf'),
  email,
});

/** No mail to the citizen shows a value as the workflow holds it (an ISO date, an option key). */
const inWords = (story: ProcedureStory, email: string) =>
  story
    .mailsTo(email)
    .flatMap((mail) =>
      rawValues(`${mail.subject}\n${mail.text}`, [
        'echafaudage',
        'favorable-reserves',
        'defavorable',
        'approve',
        'return',
      ]),
    );

const REVIEW_ROADS = "Donner l'avis de la voirie";
const REVIEW_POLICE = "Donner l'avis de la police municipale";
const SIGN = "Signer l'arrêté";

describe('occupation-domaine-public: a terrace permit, reviewed in parallel, signed, its fee computed', () => {
  const story = procedureScenario('occupation-domaine-public');
  let deputyMayor: Signatory;

  beforeAll(async () => {
    // the deputy mayor signs in the signature book with a key made in her browser
    deputyMayor = new Signatory(await story.agent('adjointe'), 'adjointe@demoville.fr', 'Hélène Adjointe-au-Maire');
    await deputyMayor.enrol();
  });

  /** The deputy mayor signs her decision on the permit: approve, refuse or return, with its reason. */
  const sign = async (code: string, decision: string, comment = '') => {
    const task = await story.task('adjointe', code, SIGN);
    await deputyMayor.sign(task.id, decision, comment);
  };

  it('has roads and police review at once, the deputy mayor sign, and issues the permit with its fee', async () => {
    // given a café asking for a 12 m² terrace from May to September
    const code = await story.submit(await terrace(story, 'cafe@example.fr'));
    const ack = await story.mail('cafe@example.fr', `Demande d'occupation du domaine public reçue — ${code}`);
    expect(ack.text).toMatch(/votre demande sera réputée acceptée/);

    // then roads and the municipal police both have their review open at the same time
    await story.task('voirie', code, REVIEW_ROADS);
    await story.task('police', code, REVIEW_POLICE);
    await story.complete('police', code, REVIEW_POLICE, { avisPolice: 'favorable' });
    expect(await story.hasTask('adjointe', code, SIGN)).toBe(false);
    await story.complete('voirie', code, REVIEW_ROADS, {
      avisVoirie: 'favorable-reserves',
      reservesVoirie: 'Laisser un passage piéton libre de 1,40 m.',
    });

    // when the deputy mayor signs, an unsigned completion being refused
    const unsigned = await (await story.agent('adjointe')).request(
      'mutation ($id: ID!, $data: JSON) { completeTask(taskId: $id, data: $data) { status } }',
      { id: (await story.task('adjointe', code, SIGN)).id, data: { decision: 'approve' } },
    );
    expect(unsigned.errors?.[0]?.extensions?.code).toBe('SIGNATURE_REQUIRED');
    await sign(code, 'approve');

    // then the permit is issued with the fee FEEL computed: 12 m² × 153 days × 0,50 €
    const granted = await story.mail('cafe@example.fr', 'Occupation du domaine public autorisée — arrêté n° ');
    expect(granted.text).toContain('Redevance due : 918 €.');
    expect(granted.text).toContain('(2 place du Marché, du 1 mai 2026 au 30 septembre 2026) est accordée');
    expect(englishPart(granted.text)).toContain('from 1 May 2026 to 30 September 2026) has been granted');
    // in French, then in English after the separator line
    expect(englishPart(granted.text)).toContain('Fee due: €918.');
    const link = /http\S+\.pdf\?email=\S+/.exec(granted.text)?.[0];
    expect((await story.download(link!)).subarray(0, 5).toString()).toBe('%PDF-');
    // beside the signature book's decision document, which lists the signer and her key
    const documents = await story.documents(code, 'cafe@example.fr');
    expect(documents.map((d) => d.kind)).toEqual(['acknowledgement', 'signedDecision', 'permit']);

    // and the request closes, each step in its history
    const tracked = await story.closed(code, 'cafe@example.fr');
    const completed = tracked.timeline.filter((e) => e.kind === 'taskCompleted').map((e) => e.payload.name);
    expect(completed).toEqual([REVIEW_POLICE, REVIEW_ROADS, SIGN]);
    expect(tracked.timeline.filter((e) => e.kind === 'signed')).toHaveLength(1);
    expect(inWords(story, 'cafe@example.fr')).toEqual([]);
  });

  it('returns the request for changes, reviews the new version, then refuses it with a reasoned decision', async () => {
    // given a scaffolding request the deputy mayor sends back
    const code = await story.submit({
      ...(await terrace(story, 'artisan@example.fr')),
      typeOccupation: 'echafaudage',
      surface: 40,
    });
    await story.complete('voirie', code, REVIEW_ROADS, { avisVoirie: 'favorable' });
    await story.complete('police', code, REVIEW_POLICE, { avisPolice: 'favorable' });
    await sign(code, 'return', 'Réduisez l’emprise à 20 m² pour laisser passer les secours.');

    // then the citizen is asked to change it, and the clock waits for them
    const asked = await story.mail('artisan@example.fr', 'est à modifier');
    expect(asked.text).toContain('Réduisez l’emprise à 20 m²');
    expect(englishPart(asked.text)).toContain(
      'the town hall asks you to change your request: Réduisez l’emprise à 20 m²',
    );
    await story.timelineEvent(code, 'slaPaused');

    // when they send the changed request, both services review it again
    await story.deliver(code, 'dossier-modifie', { surface: 20 }, 'artisan@example.fr');
    await story.complete('voirie', code, REVIEW_ROADS, { avisVoirie: 'favorable' });
    await story.complete('police', code, REVIEW_POLICE, {
      avisPolice: 'defavorable',
      reservesPolice: 'Voie pompiers : aucune emprise possible.',
    });
    await sign(code, 'refuse', 'L’échafaudage obstruerait la voie réservée aux secours.');

    // then a reasoned refusal is issued and sent, and no permit
    const refused = await story.mail('artisan@example.fr', 'Occupation du domaine public refusée');
    expect(refused.text).toContain('obstruerait la voie réservée aux secours');
    expect(englishPart(refused.text)).toMatch(/has been refused: .*obstruerait la voie réservée aux secours/);
    // (the signature book's record of both signed decisions, then the reasoned refusal)
    expect((await story.documents(code, 'artisan@example.fr')).map((d) => d.kind)).toEqual([
      'acknowledgement',
      'signedDecision',
      'decision',
    ]);
    const tracked = await story.closed(code, 'artisan@example.fr');
    expect(tracked.timeline.filter((e) => e.kind === 'taskCompleted')).toHaveLength(6);
    expect(inWords(story, 'artisan@example.fr')).toEqual([]);
  });

  it('accepts the request when the town hall stays silent for two months, and offers the certificate', async () => {
    // given a request filed while months pass in seconds
    const code = await story.submitInFastTime({
      ...(await terrace(story, 'fleuriste@example.fr')),
      typeOccupation: 'etalage',
      surface: 3,
    });

    // when nobody decides for two months
    const told = await story.mail('fleuriste@example.fr', 'décision implicite', 30_000);

    // then silence is acceptance: recorded, told, and its certificate offered
    expect(told.subject).toBe(`Votre demande ${code} : décision implicite d’acceptation`);
    await story.timelineEvent(code, 'implicitDecision', { decision: 'acceptance' });
    expect((await story.row(code)).implicit_decision).toBe('acceptance');
    const documents = await story.documents(code, 'fleuriste@example.fr');
    expect(documents.map((d) => d.kind)).toContain('implicitAcceptanceCertificate');
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { englishPart } from '../support/bilingual.ts';
import { eventually } from '../support/graphql-client.ts';
import { standInPayfip } from '../support/payfip-server.ts';
import { pdfText } from '../support/pdf.ts';
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
  const sign = async (code: string, decision: 'APPROVE' | 'REFUSE' | 'RETURN', comment = '') => {
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
    await sign(code, 'APPROVE');

    // then the permit is issued with the fee FEEL computed: 12 m² × 153 days × 0,50 €
    const granted = await story.mail('cafe@example.fr', 'Occupation du domaine public autorisée — arrêté n° ');
    expect(granted.text).toContain('Redevance due : 918 €.');
    expect(granted.text).toContain('(2 place du Marché, du 1 mai 2026 au 30 septembre 2026) est accordée');
    expect(englishPart(granted.text)).toContain('from 1 May 2026 to 30 September 2026) has been granted');
    // in French, then in English after the separator line
    expect(englishPart(granted.text)).toContain('Fee due: €918.');
    const link = /http\S+\.pdf\?email=\S+/.exec(granted.text)?.[0];
    const permit = await story.download(link!);
    expect(permit.subarray(0, 5).toString()).toBe('%PDF-');
    // the permit states its legal basis, its fee in words, how to appeal, and who signed it under which quality
    const permitText = await pdfText(permit);
    expect(permitText).toContain('Vu le code général des collectivités territoriales, notamment ses articles L2122-18');
    expect(permitText).toContain('918,00 € (neuf cent dix-huit euros)');
    expect(permitText).toContain('(du premier mai');
    expect(permitText).toContain('deux mille vingt-six au trente septembre deux mille vingt-six)');
    expect(permitText).toContain('« Télérecours citoyens »');
    expect(permitText).toContain("L'adjointe au maire déléguée à l'espace public Hélène Adjointe-au-Maire");
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
    await sign(code, 'RETURN', 'Réduisez l’emprise à 20 m² pour laisser passer les secours.');

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
    await sign(code, 'REFUSE', 'L’échafaudage obstruerait la voie réservée aux secours.');

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

  it('in a town that collects fees online, issues the permit once the fee is paid through PayFiP (a refused card first)', async () => {
    // given the town subscribed to PayFiP (here its stand-in) with its client number
    const payfip = await standInPayfip({
      clientNumbers: ['123456'],
      reach: (url) => url.replace('http://parvis.test', story.parvis.url),
    });
    await story.parvis
      .sql`insert into payment_settings (municipality_id, client_number, environment, service_url, page_url)
      values ('demo', '123456', 'TEST', ${payfip.serviceUrl}, ${payfip.pageUrl})`;
    try {
      const code = await story.submit(await terrace(story, 'glacier@example.fr'));
      await story.complete('voirie', code, REVIEW_ROADS, { avisVoirie: 'favorable' });
      await story.complete('police', code, REVIEW_POLICE, { avisPolice: 'favorable' });
      await sign(code, 'APPROVE');

      // then the citizen is asked to pay the fee online, and the permit waits
      const invited = await story.mail('glacier@example.fr', 'redevance à payer en ligne');
      expect(invited.text).toContain('Il reste à payer la redevance de 918 € en ligne');
      const page = /http\S+paiementws\.web\?idop=(\w+)/.exec(invited.text);
      expect(payfip.payments.get(page![1]!)).toMatchObject({ montant: '91800', numcli: '123456' });
      await story.timelineEvent(code, 'slaPaused');

      // when the card is refused, a new payment is offered; when it is paid, the permit is issued
      await payfip.choose(page![1]!, 'R');
      await story.mail('glacier@example.fr', 'Votre paiement de la redevance');
      const second = await eventually(async () => {
        const ids = [...payfip.payments.keys()].filter((id) => id !== page![1]);
        return ids.length === 1 ? ids[0] : undefined;
      }, 30_000);
      await payfip.choose(second, 'P');
      const granted = await story.mail('glacier@example.fr', 'Occupation du domaine public autorisée — arrêté n° ');
      expect(granted.text).toContain(
        `Redevance de 918 € payée en ligne (PayFiP, autorisation n° ${payfip.payments.get(second)!.numauto}).`,
      );
      expect(granted.text).not.toContain('titre de recette');
      // and the citizen's documents hold the receipt of the payment, beside the permit
      const documents = await story.documents(code, 'glacier@example.fr');
      expect(documents.map((d) => d.kind)).toEqual(['acknowledgement', 'signedDecision', 'payment-receipt', 'permit']);
      const receipt = await pdfText(await story.download(documents[2]!.url));
      expect(receipt).toContain('Reçu de paiement');
      expect(receipt).toContain('918,00 € (neuf cent dix-huit euros)');
      expect(receipt).toMatch(new RegExp(`autorisation n° (Paid )?${payfip.payments.get(second)!.numauto}`));
      expect(receipt).not.toContain('Hélène Adjointe-au-Maire');
      const paid = await story.parvis.sql<{ status: string }[]>`select p.status from payments p
        join requests r on r.id = p.request_id where r.tracking_code = ${code} order by p.created_at`;
      expect(paid.map((p) => p.status)).toEqual(['REFUSED', 'PAID']);
    } finally {
      await story.parvis.sql`delete from payment_settings where municipality_id = 'demo'`;
      await payfip.stop();
    }
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

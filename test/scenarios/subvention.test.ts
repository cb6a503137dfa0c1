import { beforeAll, describe, expect, it } from 'vitest';
import { englishPart } from '../support/bilingual.ts';
import { rawValues } from '../support/raw-values.ts';
import { Signatory } from '../support/signatory.ts';
import { type ProcedureStory, procedureScenario } from './procedure-story.ts';

const grant = async (story: ProcedureStory, email: string, montantDemande: number) => ({
  nomAssociation: 'Les Amis du Jardin Partagé',
  numeroRna: 'W751234567',
  nomPresident: 'Odile Garnier',
  typeSubvention: 'projet',
  objet: 'Création de six bacs de culture accessibles aux personnes en fauteuil roulant.',
  montantDemande,
  budgetTotal: montantDemande * 2,
  statuts: await story.attach('statuts', 'statuts.pdf'),
  budgetPrevisionnel: await story.attach('budgetPrevisionnel', 'budget-2026.pdf'),
  rib: await story.attach('rib', 'rib.pdf'),
  email,
});

const INSTRUCT = 'Instruire le dossier';
const VALIDATE = 'Valider la proposition de subvention';
const COUNCIL = 'Délibération du conseil municipal';

describe('subvention: an association grant, approval levels by amount, a council decision, missing documents chased', () => {
  const story = procedureScenario('subvention');
  const signatories = new Map<'dgs' | 'adjointe', Signatory>();

  beforeAll(async () => {
    // each level signs in the signature book with a key made in the signatory's browser
    for (const [who, email, name] of [
      ['dgs', 'dgs@demoville.fr', 'Claude Direction-Générale'],
      ['adjointe', 'adjointe@demoville.fr', 'Hélène Adjointe-au-Maire'],
    ] as const) {
      const signatory = new Signatory(await story.agent(who), email, name);
      await signatory.enrol();
      signatories.set(who, signatory);
    }
  });

  /** A level of the approval chain signs its decision on the proposal. */
  const sign = async (
    who: 'dgs' | 'adjointe',
    code: string,
    decision: 'APPROVE' | 'REFUSE' | 'RETURN',
    comment = '',
  ) => {
    const task = await story.task(who, code, VALIDATE);
    await signatories.get(who)!.sign(task.id, decision, comment);
    return task;
  };

  it('has a small grant validated by the management alone, voted by the council, and notified by letter', async () => {
    // given a complete application for 3,000 €
    const code = await story.submit(await grant(story, 'jardin@example.fr', 3000));
    const ack = await story.mail('jardin@example.fr', `Demande de subvention reçue — ${code}`);
    expect(ack.text).toMatch(/votre demande sera réputée rejetée/);

    // when the service proposes 2,500 €: under 5,000 €, only the management validates
    await story.complete('vieAssociative', code, INSTRUCT, {
      dossier: 'complet',
      montantPropose: 2500,
      avisService: 'Projet solide, budget réaliste, cofinancé par le département.',
    });
    const level = await sign('dgs', code, 'APPROVE');
    expect(level.candidateGroups).toEqual(['direction']);

    // then the council votes, and no elected official validated the proposal before
    await story.complete('adjointe', code, COUNCIL, {
      vote: 'adoptee',
      numeroDeliberation: '2026-045',
      montantVote: 2500,
    });
    // with the amount as each language writes it (a narrow space groups French thousands)
    const notified = await story.mail(
      'jardin@example.fr',
      'Subvention Les Amis du Jardin Partagé : 2\u202f500 € attribués',
    );
    expect(notified.text).toContain('une subvention de 2\u202f500 € (délibération n° 2026-045)');
    // in French, then in English after the separator line
    expect(englishPart(notified.text)).toContain('a grant of €2,500 (resolution no. 2026-045)');
    const link = /http\S+\.pdf\?email=\S+/.exec(notified.text)?.[0];
    expect((await story.download(link!)).subarray(0, 5).toString()).toBe('%PDF-');
    const tracked = await story.closed(code, 'jardin@example.fr');
    expect(tracked.timeline.filter((e) => e.kind === 'taskCompleted').map((e) => e.payload.name)).toEqual([
      INSTRUCT,
      VALIDATE,
      COUNCIL,
    ]);
    expect(tracked.timeline.filter((e) => e.kind === 'signed')).toHaveLength(1);
    expect((await story.documents(code, 'jardin@example.fr')).map((d) => d.title)).toContain(
      "Notification d'attribution de subvention",
    );
    // and no mail to the association shows a value as the workflow holds it
    for (const mail of story.mailsTo('jardin@example.fr')) {
      expect(rawValues(`${mail.subject}\n${mail.text}`, ['adoptee', 'approve'])).toEqual([]);
      expect(mail.text).not.toContain('2500');
    }
  });

  it('chases the missing documents, then a large grant climbs two levels and the deputy mayor refuses it', async () => {
    // given an application for 12,000 € filed while days pass in a blink
    const code = await story.submitInFastTime(await grant(story, 'theatre@example.fr', 12000));
    await story.complete('vieAssociative', code, INSTRUCT, {
      dossier: 'incomplet',
      piecesManquantes: 'les comptes 2025 approuvés en assemblée générale',
    });
    await story.mail('theatre@example.fr', 'pièces manquantes');

    // then the association is chased after fifteen days, the SLA clock stopped meanwhile
    const chased = await story.mail('theatre@example.fr', 'Relance — subvention');
    expect(chased.text).toContain('les comptes 2025 approuvés');
    expect(englishPart(chased.text)).toMatch(/We are still waiting for: .*les comptes 2025 approuvés/);
    expect((await story.row(code)).sla_state).toBe('paused');

    // when the documents arrive and the service proposes 10,000 €
    await story.deliver(code, 'pieces-recues', { comptesAnnuels: 'comptes-2025.pdf' }, 'theatre@example.fr');
    await story.complete('vieAssociative', code, INSTRUCT, {
      dossier: 'complet',
      montantPropose: 10000,
      avisService: 'Compagnie active, mais budget de diffusion imprécis.',
    });

    // then the management validates first, then the deputy mayor, who refuses
    await sign('dgs', code, 'APPROVE');
    const second = await sign('adjointe', code, 'REFUSE', "L'enveloppe culturelle 2026 est entièrement engagée.");
    expect(second.candidateGroups).toEqual(['elus']);

    // and the association gets a reasoned refusal; the council is never asked
    const refused = await story.mail('theatre@example.fr', 'demande refusée');
    expect(refused.text).toContain("n'a pas été retenue");
    expect(englishPart(refused.text)).toContain(
      'The grant application from Les Amis du Jardin Partagé was not successful.',
    );
    expect((await story.documents(code, 'theatre@example.fr')).map((d) => d.kind)).toContain('decision');
    const tracked = await story.closed(code, 'theatre@example.fr');
    expect(tracked.timeline.some((e) => e.kind === 'taskOpened' && e.payload.name === COUNCIL)).toBe(false);
    expect(tracked.timeline.filter((e) => e.kind === 'signed')).toHaveLength(2);
    for (const mail of story.mailsTo('theatre@example.fr'))
      expect(rawValues(`${mail.subject}\n${mail.text}`, ['incomplet', 'refuse', 'approve'])).toEqual([]);
  });

  it('files the application without further action when the documents never come', async () => {
    // given an incomplete application nobody completes, while two months pass in seconds
    const code = await story.submitInFastTime(await grant(story, 'chorale@example.fr', 800));
    await story.complete('vieAssociative', code, INSTRUCT, {
      dossier: 'incomplet',
      piecesManquantes: 'le relevé d’identité bancaire lisible',
    });

    // then the association is chased twice, then told the file is closed
    const closedMail = await story.mail('chorale@example.fr', 'dossier classé sans suite', 30_000);
    expect(closedMail.text).toContain('le relevé d’identité bancaire lisible');
    expect(englishPart(closedMail.text)).toContain('has been closed with no further action.');
    expect(story.mailsTo('chorale@example.fr').filter((m) => m.subject.startsWith('Relance'))).toHaveLength(2);
    await story.closed(code, 'chorale@example.fr');
    for (const mail of story.mailsTo('chorale@example.fr'))
      expect(rawValues(`${mail.subject}\n${mail.text}`, ['incomplet'])).toEqual([]);
  });
});

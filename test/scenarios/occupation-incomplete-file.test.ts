import { upsertAgent } from '@parvis/graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { englishPart } from '../support/bilingual.ts';
import { eventually } from '../support/graphql-client.ts';
import { pdfText } from '../support/pdf.ts';
import { procedureScenario } from './procedure-story.ts';

// CRPA art. L114-5 on the occupation permit: a letter received three weeks ago without its plan and
// its insurance certificate is incomplete from receipt; once an agent declares it complete, the two
// months of silence that make it accepted run from then, not from receipt.

const REGISTER = `mutation ($citizen: CitizenInput!, $data: JSON!, $receivedAt: String) {
  registerRequest(procedure: "occupation-domaine-public", channel: POST, citizen: $citizen, data: $data, receivedAt: $receivedAt) { trackingCode } }`;
const COMPLETE = `mutation ($code: String!) { declareFileComplete(trackingCode: $code) { trackingCode } }`;
const INCOMPLETE = `mutation ($code: String!, $pieces: [ID!]!) { declareFileIncomplete(trackingCode: $code, pieces: $pieces) { trackingCode } }`;
const COMPLETENESS = `query ($code: String!) { request(trackingCode: $code) {
  completeAt missingPieces { pieces { id labelFr } deadline declaredBy } requiredPieces { id labelFr labelEn } } }`;
const MERGE = `mutation ($main: String!, $duplicate: String!) { mergeDuplicate(main: $main, duplicate: $duplicate) { trackingCode } }`;
const SIGN_IN = `mutation ($email: String!, $password: String!) {
  signIn(municipality: "demo", email: $email, password: $password) { displayName } }`;

const DAY = 86_400_000;
const parisDay = (date: Date) => date.toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
/** The civil date two months after a day (the same day number, or the month's last). */
const twoMonthsAfter = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const month = m + 2 > 12 ? m - 10 : m + 2;
  const year = m + 2 > 12 ? y + 1 : y;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
};

/** A terrace request typed in from a letter: no plan, no insurance certificate. */
const letter = (email: string) => ({
  qualite: 'entreprise',
  raisonSociale: 'Café de la Gare',
  siret: '12345678901234',
  nomDemandeur: 'Inès Martin',
  typeOccupation: 'terrasse',
  adresse: '1 place de la Gare',
  surface: 10,
  dateDebut: '2027-04-01',
  dateFin: '2027-09-30',
  email,
});

describe('occupation-domaine-public: an incomplete file (CRPA art. L114-5) and the acknowledgement’s mentions', () => {
  const story = procedureScenario('occupation-domaine-public');

  beforeAll(async () => {
    // given the town's administrator says who handles the permits and how to reach them
    await upsertAgent(story.parvis.sql, {
      email: 'admin@demoville.fr',
      displayName: 'Ada Administratrice',
      password: 'demo-admin-16',
      roles: ['administrator'],
      groups: [],
      municipalityId: 'demo',
    });
    const admin = story.parvis.client();
    await admin.data(SIGN_IN, { email: 'admin@demoville.fr', password: 'demo-admin-16' });
    const { createDepartment } = await admin.data<{ createDepartment: { id: string } }>(
      `mutation { createDepartment(name: "Service de l'espace public") { id } }`,
    );
    await admin.data(
      `mutation ($id: ID!) { saveGroup(group: { key: "voirie", name: "Voirie", departmentId: $id }) { key } }`,
      {
        id: createDepartment.id,
      },
    );
    const refused = await admin.request(
      `mutation ($id: ID!) { updateDepartmentContact(id: $id, phone: "appelez-nous") { id } }`,
      { id: createDepartment.id },
    );
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'phone' } });
    await admin.data(
      `mutation ($id: ID!) { updateDepartmentContact(id: $id, postalAddress: "12 rue de la Mairie, 75001 Démoville", phone: "01 23 45 67 89", email: "espace-public@demoville.fr") { id } }`,
      { id: createDepartment.id },
    );
  });

  it('counts the two months of silence from completion, not from receipt, and tells the citizen each step', async () => {
    const email = 'ines@example.fr';
    const accueil = await story.agent('accueil');
    // given a letter received 22 days ago, registered today without its plan and insurance certificate,
    // while the request's alarms ring 200,000 times faster than real time (two months in about 26 s)
    const receivedAt = new Date(Date.now() - 22 * DAY);
    process.env.PARVIS_CLOCK_SCALE = '200000';
    const { registerRequest } = await accueil
      .data<{ registerRequest: { trackingCode: string } }>(REGISTER, {
        citizen: { firstName: 'Inès', lastName: 'Martin', email },
        data: letter(email),
        receivedAt: receivedAt.toISOString(),
      })
      .finally(() => {
        process.env.PARVIS_CLOCK_SCALE = '1';
      });
    const code = registerRequest.trackingCode;

    // then the file is incomplete from receipt: the citizen reads the missing pieces and the deadline
    const incomplete = await story.mail(email, 'Dossier incomplet');
    expect(incomplete.text).toContain("– Plan de l'emplacement avec ses cotes");
    expect(incomplete.text).toContain("– Attestation d'assurance responsabilité civile");
    expect(incomplete.text).not.toContain('Kbis');
    const deadline = await eventually(async () => {
      const { request } = await accueil.data<{ request: { missingPieces: { deadline: string } | null } }>(
        COMPLETENESS,
        { code },
      );
      return request.missingPieces?.deadline;
    });
    const [y, m, d] = deadline.split('-').map(Number) as [number, number, number];
    const deadlineFr = new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('fr-FR', {
      dateStyle: 'long',
      timeZone: 'UTC',
    });
    expect(incomplete.text).toContain(`Envoyez-les au plus tard le ${deadlineFr}`);
    expect(incomplete.text).toContain('ne courent qu’à compter de la réception de ces pièces (article L114-5');
    expect(englishPart(incomplete.text)).toContain('– Site plan with its dimensions');
    // and the acknowledgement names the department in charge, with its address, phone and e-mail
    const acknowledgement = await story.mail(email, 'reçue');
    expect(acknowledgement.text).toContain(
      "Service qui la traite : Service de l'espace public, Mairie de Démoville — espace-public@demoville.fr",
    );
    expect(acknowledgement.text).toContain('Adresse : 12 rue de la Mairie, 75001 Démoville');
    expect(acknowledgement.text).toContain('Téléphone : 01 23 45 67 89');
    expect(acknowledgement.text).toContain('Délai de traitement : 20 jours ouvrés');
    expect(englishPart(acknowledgement.text)).toContain('Processing time: 20 business days');
    // and no implicit decision is on its way while pieces are missing
    const [pending] = await story.parvis.sql<{ implicit_decision_at: Date | null; submitted_at: Date }[]>`
      select implicit_decision_at, submitted_at from requests where tracking_code = ${code}`;
    expect(pending!.implicit_decision_at).toBeNull();
    expect(pending!.submitted_at.toISOString()).toBe(receivedAt.toISOString());

    // when the pieces come and an agent declares the file complete, three weeks after receipt
    const completedAt = new Date();
    await accueil.data(COMPLETE, { code });

    // then the complete date is on the timeline, and silence will mean acceptance two months after it
    const completion = await story.timelineEvent(code, 'fileComplete');
    const expected = twoMonthsAfter(parisDay(completedAt));
    expect(completion.payload.implicitDecisionDate).toBe(expected);
    expect(expected).not.toBe(twoMonthsAfter(parisDay(receivedAt)));
    const complete = await story.mail(email, 'Dossier complet');
    expect(complete.text).toMatch(/est complet depuis le \d+ \S+ 20\d\d/);
    expect(complete.text).toContain('dans un délai de 2 mois à compter de la réception du dossier complet');
    // and the acknowledgement (PDF) shows the complete date and the new implicit-decision date
    const receipt = (await story.documents(code, email)).find((doc) => doc.kind === 'acknowledgement')!;
    const receiptText = await pdfText(await story.download(receipt.url));
    expect(receiptText).toContain('Dossier complet le');
    expect(receiptText).toContain("Service de l'espace public, Mairie de Démoville");
    expect(receiptText).toContain('12 rue de la Mairie, 75001 Démoville');
    const [ey, em, ed] = expected.split('-').map(Number) as [number, number, number];
    const expectedFr = new Date(Date.UTC(ey, em - 1, ed)).toLocaleDateString('fr-FR', {
      dateStyle: 'long',
      timeZone: 'UTC',
    });
    expect(receiptText).toContain(
      `à compter de la réception du dossier complet, soit au ${expectedFr}, votre demande sera réputée acceptée`,
    );

    // and a second completion is refused in words, nothing changed
    const twice = await accueil.request(COMPLETE, { code });
    expect(twice.errors?.[0]?.extensions?.code).toBe('ALREADY_COMPLETE');
    expect(twice.errors?.[0]?.message).toContain('déjà complet');

    // when the two months pass in silence, acceptance falls on the day two months after completion
    const decided = await story.timelineEvent(code, 'implicitDecision', { decision: 'acceptance' }, 90_000);
    expect(decided.payload.date).toBe(expected);
    await story.mail(email, 'décision implicite', 30_000);
    // and its certificate says the file was complete on that day, and when acceptance was born, in words
    const certificate = await eventually(async () =>
      (await story.documents(code, email)).find((doc) => doc.kind === 'implicitAcceptanceCertificate'),
    );
    const certificateText = await pdfText(await story.download(certificate.url));
    expect(certificateText).toContain('Dossier complet le');
    expect(certificateText).toMatch(/et complète le \d+ \S+ 20\d\d/);
    expect(certificateText).toMatch(/est née le [a-zé -]+ deux mille vingt-[a-z-]+ \(/);
    expect(certificateText).toContain(
      'Vu le code des relations entre le public et l’administration, notamment ses articles L231-1, L232-3 et L114-5',
    );
    expect(certificateText).toContain('peut être contestée par les tiers');
  });

  it('lets an agent declare missing pieces, and refuses unknown pieces and a closed request', async () => {
    const voirie = await story.agent('voirie');
    const email = 'hugo@example.fr';
    const withPieces = async () => ({
      ...letter(email),
      plan: await story.attach('plan', 'plan.pdf'),
      attestationAssurance: await story.attach('attestationAssurance', 'assurance.pdf'),
    });
    const code = await story.submit(await withPieces());
    await story.mail(email, code);
    const { request } = await voirie.data<{ request: { requiredPieces: { id: string }[] } }>(COMPLETENESS, { code });
    expect(request.requiredPieces.map((p) => p.id).sort()).toEqual(['attestationAssurance', 'kbis', 'plan']);

    // a piece the procedure does not list is refused, naming those it does
    const unknown = await voirie.request(INCOMPLETE, { code, pieces: ['passeport'] });
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'pieces' } });
    expect(unknown.errors?.[0]?.message).toContain('kbis (Extrait Kbis de moins de trois mois (entreprises))');

    // when the agent declares the Kbis missing
    await voirie.data(INCOMPLETE, { code, pieces: ['kbis'] });
    // then the citizen reads which piece, and the implicit decision is off until it comes
    const told = await story.mail(email, 'Dossier incomplet');
    expect(told.text).toContain('– Extrait Kbis de moins de trois mois (entreprises)');
    const after = await voirie.data<{ request: { missingPieces: { pieces: { id: string }[]; declaredBy: string } } }>(
      COMPLETENESS,
      { code },
    );
    expect(after.request.missingPieces).toMatchObject({ pieces: [{ id: 'kbis' }], declaredBy: 'Sacha Voirie' });
    expect((await story.timeline(code)).map((e) => e.kind)).toContain('fileIncomplete');

    // and once the request is closed (merged into another), nothing more is declared about its file
    const main = await story.submit(await withPieces());
    await story.mail(email, main);
    await voirie.data(MERGE, { main, duplicate: code });
    await eventually(async () => ((await story.row(code)).status === 'closed' ? true : undefined));
    const closed = await voirie.request(INCOMPLETE, { code, pieces: ['plan'] });
    expect(closed.errors?.[0]?.extensions?.code).toBe('REQUEST_CLOSED');
    expect(closed.errors?.[0]?.message).toContain('est close');
  });
});

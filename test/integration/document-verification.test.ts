import { beforeAll, describe, expect, it } from 'vitest';
import { type ProcedureStory, procedureScenario } from '../scenarios/procedure-story.ts';
import { signInByLink } from '../support/citizen-links.ts';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { pdfQrCode, pdfText } from '../support/pdf.ts';
import { Signatory } from '../support/signatory.ts';

// Issue 14, point 8: the deputy mayor reads the whole file before signing (each service's opinion
// and conditions with who and when, the fee, a draft of the permit), and anyone holding the permit
// checks its signatures on the public page its QR code leads to: genuine, altered, or erased.

const REVIEW_ROADS = "Donner l'avis de la voirie";
const REVIEW_POLICE = "Donner l'avis de la police municipale";
const SIGN = "Signer l'arrêté";
const SUBMIT = `mutation ($data: JSON!) {
  submitRequest(municipality: "demo", procedure: "occupation-domaine-public", data: $data) { trackingCode } }`;
const FILE = `query ($id: ID!) { task(id: $id) { file(lang: FR) {
  steps { name completedBy completedAt values { label value } } amounts { label value } documents { title template url } } } }`;
const DOCUMENTS = `query ($code: String!, $email: String) { request(trackingCode: $code, email: $email) { documents { kind url } } }`;
const CHECK = `query ($code: String!, $number: String) {
  documentCheck(municipality: "demo", trackingCode: $code, documentNumber: $number) {
    municipality trackingCode procedureTitle document { number title issuedAt fingerprint }
    valid historyIntact dataErasedAt checkedAt
    signatures { step signer onBehalfOf role signedAt decision valid } } }`;

interface Check {
  municipality: string;
  trackingCode: string;
  procedureTitle: string;
  document: { number: string; title: string; issuedAt: string; fingerprint: string } | null;
  valid: boolean;
  historyIntact: boolean;
  dataErasedAt: string | null;
  signatures: { signer: string; role: string[]; decision: string; valid: boolean }[];
}

describe('the signer’s file, and the public check of a permit’s signatures', () => {
  const story: ProcedureStory = procedureScenario('occupation-domaine-public');
  let deputyMayor: Signatory;
  const anyone = () => story.parvis.client();

  const terrace = async (email: string) => ({
    qualite: 'entreprise',
    raisonSociale: 'Café du Marché',
    siret: '12345678901234',
    nomDemandeur: 'Luc Petit',
    typeOccupation: 'terrasse',
    adresse: '2 place du Marché',
    surface: 12,
    dateDebut: '2026-05-01',
    dateFin: '2026-09-30',
    plan: await story.attach('plan', 'plan-terrasse.pdf'),
    attestationAssurance: await story.attach('attestationAssurance', 'assurance-rc.pdf'),
    email,
  });

  /** Both services give their opinion; the signing step waits for the deputy mayor. */
  const reviewed = async (code: string) => {
    await story.complete('voirie', code, REVIEW_ROADS, {
      avisVoirie: 'favorable-reserves',
      reservesVoirie: 'Laisser un passage piéton libre de 1,40 m.',
    });
    await story.complete('police', code, REVIEW_POLICE, { avisPolice: 'favorable' });
    return story.task('adjointe', code, SIGN);
  };

  /** The permit issued once she signs: its number and its PDF, as the café downloads it. */
  const permitOf = async (code: string, email: string) => {
    const permit = await eventually(async () => {
      const { request } = await anyone().data<{ request: { documents: { kind: string; url: string }[] } }>(DOCUMENTS, {
        code,
        email,
      });
      return request.documents.find((d) => d.kind === 'permit');
    });
    const pdf = new Uint8Array(await story.download(permit.url));
    return { number: /\/(\d{4}-\d{6})\.pdf/.exec(permit.url)![1]!, pdf };
  };

  const check = async (code: string, number?: string) =>
    (await anyone().data<{ documentCheck: Check | null }>(CHECK, { code, number })).documentCheck;

  beforeAll(async () => {
    deputyMayor = new Signatory(await story.agent('adjointe'), 'adjointe@demoville.fr', 'Hélène Adjointe-au-Maire');
    await deputyMayor.enrol();
  });

  it('shows the deputy mayor the services’ opinions with who and when, the fee and a draft of the permit', async () => {
    // given a café's terrace request both services reviewed
    const code = await story.submit(await terrace('cafe@example.fr'));
    const task = await reviewed(code);

    // when the deputy mayor opens her signing step
    const { task: found } = await (await story.agent('adjointe')).data<{
      task: {
        file: {
          steps: {
            name: string;
            completedBy: string;
            completedAt: string;
            values: { label: string; value: string }[];
          }[];
          amounts: { label: string; value: string }[];
          documents: { title: string; template: string; url: string }[];
        };
      };
    }>(FILE, { id: task.id });

    // then she reads each opinion in words, with its conditions, who gave it and when
    const roads = found.file.steps.find((s) => s.name === REVIEW_ROADS)!;
    expect(roads.completedBy).toBe('Sacha Voirie');
    expect(Date.parse(roads.completedAt)).toBeGreaterThan(Date.now() - 120_000);
    expect(roads.values).toEqual([
      { label: 'Avis de la voirie', value: 'Favorable avec prescriptions' },
      {
        label: "Prescriptions ou motif (repris dans l'arrêté ou la décision)",
        value: 'Laisser un passage piéton libre de 1,40 m.',
      },
    ]);
    expect(found.file.steps.find((s) => s.name === REVIEW_POLICE)!.values).toEqual([
      { label: 'Avis de la police municipale', value: 'Favorable' },
    ]);
    // the fee the procedure computed (12 m² × 153 days × 0,50 €), in euros as each language writes them
    expect(found.file.amounts).toEqual([{ label: 'Calculer la redevance', value: '918\u00a0€' }]);
    const english = await (await story.agent('adjointe')).data<{ task: { file: { amounts: { value: string }[] } } }>(
      FILE.replace('file(lang: FR)', 'file(lang: EN)'),
      { id: task.id },
    );
    expect(english.task.file.amounts.map((amount) => amount.value)).toEqual(['€918']);
    // and a draft of the permit to be issued, as it would read now
    expect(found.file.documents).toEqual([
      {
        title: 'Arrêté portant autorisation',
        template: 'permit',
        url: expect.stringContaining(`/apercu/${task.id}/Etablir_Arrete.pdf`),
      },
    ]);
    const draftUrl = found.file.documents[0]!.url.replace('http://parvis.test', story.parvis.url);
    const cookie = (await story.agent('adjointe')) as unknown as { cookie: string };
    const draft = await fetch(draftUrl, { headers: { cookie: cookie.cookie } });
    expect(draft.status).toBe(200);
    const text = await pdfText(new Uint8Array(await draft.arrayBuffer()));
    expect(text).toContain('PROJET non signé, sans valeur');
    expect(text).toContain('Café du Marché (Luc Petit)');
    expect(text).toMatch(/918,00\s€/);
    expect(text).toContain('Laisser un passage piéton libre de 1,40 m.');
    // which nobody else opens
    expect((await fetch(draftUrl)).status).toBe(404);
    const police = (await story.agent('police')) as unknown as { cookie: string };
    expect((await fetch(draftUrl, { headers: { cookie: police.cookie } })).status).toBe(404);
  });

  it('verifies a genuine permit from the address its QR code carries, with nothing personal', async () => {
    // given the permit signed and issued
    const code = await story.submit(await terrace('bistrot@example.fr'));
    await deputyMayor.sign((await reviewed(code)).id, 'APPROVE');
    const { number, pdf } = await permitOf(code, 'bistrot@example.fr');

    // then its QR code leads to its public verification page, and it prints its fingerprint
    expect(await pdfQrCode(pdf)).toBe(`http://parvis.test/suivi/${code}/verification/${number}`);
    const printed = /([0-9a-f]{5} [0-9a-f]{5} [0-9a-f]{5} [0-9a-f]{5})/.exec(await pdfText(pdf))?.[1];
    expect(printed).toBeDefined();

    // when anyone, signed in as no one, checks it there
    const checked = await check(code, number);

    // then it is genuine: the document, the same fingerprint, the deputy mayor's valid signature
    expect(checked).toMatchObject({
      municipality: 'Mairie de Démoville',
      trackingCode: code,
      document: { number, title: 'Arrêté portant autorisation', fingerprint: printed },
      valid: true,
      historyIntact: true,
      dataErasedAt: null,
      signatures: [{ signer: 'Hélène Adjointe-au-Maire', role: ['elus'], decision: 'approve', valid: true }],
    });
    // with nothing of the applicant's: no e-mail, SIRET, name, address
    const answer = JSON.stringify(checked);
    for (const personal of ['bistrot@example.fr', '12345678901234', 'Luc Petit', 'place du Marché'])
      expect(answer).not.toContain(personal);
    // and a number it never issued is not found
    expect(await check(code, '2026-999999')).toBeNull();
  });

  it('says an altered permit is altered: its signature or its content changed after issue', async () => {
    // given a permit checked genuine
    const code = await story.submit(await terrace('brasserie@example.fr'));
    await deputyMayor.sign((await reviewed(code)).id, 'APPROVE');
    const { number, pdf } = await permitOf(code, 'brasserie@example.fr');
    const printed = /([0-9a-f]{5} [0-9a-f]{5} [0-9a-f]{5} [0-9a-f]{5})/.exec(await pdfText(pdf))![1];
    expect((await check(code, number))?.valid).toBe(true);

    // when someone rewrites the recorded decision in the database
    await story.parvis.sql`update timeline_events e set payload = jsonb_set(payload, '{decision}', '"refuse"')
      from requests r where r.id = e.request_id and r.tracking_code = ${code} and e.kind = 'signed'`;
    // then the page says it no longer holds
    const altered = await check(code, number);
    expect(altered).toMatchObject({ valid: false, historyIntact: false, signatures: [{ valid: false }] });

    // and when the permit's content is changed (a lower fee), its fingerprint no longer is the printed one
    await story.parvis.sql`update issued_documents set variables = jsonb_set(variables, '{fee}', '15')
      where document_number = ${number} and request_id = (select id from requests where tracking_code = ${code})`;
    expect((await check(code, number))?.document?.fingerprint).not.toBe(printed);
  });

  it('notes the erasure of the applicant’s data, the signatures still verifying', async () => {
    // given a permit asked for by a citizen with an account
    const citizen: GraphqlClient = story.parvis.client();
    await signInByLink(story.parvis, citizen, 'demo', 'epicerie@example.fr');
    const { submitRequest } = await citizen.data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
      data: await terrace('epicerie@example.fr'),
    });
    const code = submitRequest.trackingCode;
    await deputyMayor.sign((await reviewed(code)).id, 'APPROVE');
    const { number } = await permitOf(code, 'epicerie@example.fr');

    // when the citizen erases their account
    await citizen.data('mutation { deleteMyAccount }');

    // then the permit still checks genuine, and the page says the data were erased and when
    const erased = await check(code, number);
    expect(erased).toMatchObject({ valid: true, historyIntact: true, signatures: [{ valid: true }] });
    expect(Date.parse(erased!.dataErasedAt!)).toBeGreaterThan(Date.now() - 120_000);
  });
});

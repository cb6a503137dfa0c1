import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deployProcedure } from '@parvis/graphql';
import { createActivities, memorySmsSink } from '@parvis/workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';
import { pdfText } from '../support/pdf.ts';

const SUBMIT = `mutation ($procedure: String!, $data: JSON!) {
  submitRequest(municipality: "demo", procedure: $procedure, data: $data) { trackingCode } }`;
const SIGN_IN = `mutation { signIn(municipality: "demo", email: "accueil@demoville.fr", password: "demo-accueil") { displayName } }`;
const INBOX = `{ inbox: workQueue(filter: { scope: AVAILABLE }, first: 200) { id request { trackingCode } } }`;
const COMPLETE = `mutation ($id: ID!, $data: JSON) { completeTask(taskId: $id, data: $data) { status } }`;
const DOCUMENTS = `query ($code: String!, $email: String) {
  request(trackingCode: $code, email: $email) { documents { kind title titleEn: title(lang: EN) url } } }`;

const title = { fr: 'Autorisation de terrasse', en: 'Terrace permit' };
const application = {
  business: 'Café du Parvis',
  surface: 12,
  address: '3 place de la Mairie',
  startDate: '2026-06-01',
  endDate: '2026-09-30',
  email: 'nadia@example.fr',
};

describe('documents issued by a parvis:document task', () => {
  let parvis: RunningParvis;
  let citizen: GraphqlClient;
  let agent: GraphqlClient;

  beforeAll(async () => {
    parvis = await startParvis();
    const bpmn = await readFile(join(import.meta.dirname, '../fixtures/document-procedure.bpmn'), 'utf8');
    await deployProcedure(parvis.sql, 'demo', { key: 'terrace', title, bpmn, forms: {} }, 'test');
    await deployProcedure(
      parvis.sql,
      'demo',
      { key: 'terrace-typo', title, bpmn: bpmn.replace('value="permit"', 'value="permis"'), forms: {} },
      'test',
    );
    citizen = parvis.client();
    agent = parvis.client();
    await agent.data(SIGN_IN);
  });
  afterAll(() => parvis?.stop());

  /** Files a terrace request and has the accueil agent complete its review. */
  async function fileAndReview(procedure: string): Promise<string> {
    const { submitRequest } = await citizen.data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
      procedure,
      data: application,
    });
    const code = submitRequest.trackingCode;
    const task = await eventually(async () => {
      const { inbox } = await agent.data<{ inbox: { id: string; request: { trackingCode: string } }[] }>(INBOX);
      return inbox.find((t) => t.request.trackingCode === code);
    });
    await agent.data(COMPLETE, {
      id: task.id,
      data: { conditions: ['Passage de 1,40 m laissé aux piétons', 'Mobilier rentré à 23 h'] },
    });
    return code;
  }

  const issuedRows = (code: string) =>
    parvis.sql<{ job_id: string; document_number: string; template: string; variables: Record<string, unknown> }[]>`
      select d.job_id, d.document_number, d.template, d.variables
      from issued_documents d join requests r on r.id = d.request_id where r.tracking_code = ${code}`;

  it('issues the permit once, mails its link, and serves it to the citizen as a PDF', async () => {
    // given a terrace request the agent has reviewed
    const code = await fileAndReview('terrace');

    // then the citizen gets an e-mail with the permit's number and its link
    const mail = await eventually(async () =>
      parvis.smtp.messages().find((m) => m.subject.startsWith('Votre autorisation n°')),
    );
    const [, number] = /n° (\d{4}-\d{6}) — (.+)$/.exec(mail.subject) ?? [];
    expect(number).toMatch(/^\d{4}-000001$/);
    // like every mail about a request, it names the request and links to it
    expect(mail.subject).toBe(`Votre autorisation n° ${number} — ${code}`);
    expect(mail.to).toEqual([application.email]);
    const link = `http://parvis.test/documents/${code}/${number}.pdf?email=${application.email}`;
    expect(mail.text.trim()).toMatch(new RegExp(`^Votre autorisation : ${link.replace(/[.?]/g, '\\$&')}\n`));
    expect(mail.text).toContain(`Demande n° ${code} : http://parvis.test/`);

    // and one document was issued, with the task's inputs frozen
    const [issued, ...more] = await issuedRows(code);
    expect(more).toHaveLength(0);
    expect(issued).toMatchObject({
      document_number: number,
      template: 'permit',
      variables: { holder: 'Café du Parvis', fee: 180, from: '2026-06-01', until: '2026-09-30' },
    });

    // when the citizen opens the link
    const response = await fetch(link.replace('http://parvis.test', parvis.url));

    // then it is the permit, with its number, its holder and its fee
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(new Uint8Array(await response.arrayBuffer()));
    const fee = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(180).replace(/\s/g, ' ');
    expect(text).toContain("ARRÊTÉ D'AUTORISATION DE TERRASSE");
    expect(text).toContain(`Numéro ${number}`);
    expect(text).toContain('Titulaire Café du Parvis');
    expect(text).toContain('Objet Terrasse de 12 m²');
    expect(text).toContain(`Redevance ${fee}`);
    expect(text).toContain('Mobilier rentré à 23 h');
    expect(text).toContain('Le maire, Jean Dupont');

    // and the request lists it among its documents
    const { request } = await citizen.data<{
      request: { documents: { kind: string; title: string; titleEn: string; url: string }[] };
    }>(DOCUMENTS, { code, email: application.email });
    expect(request.documents.map((d) => d.kind)).toEqual(['acknowledgement', 'permit']);
    expect(request.documents[1]).toEqual({
      kind: 'permit',
      title: "Arrêté d'autorisation de terrasse",
      titleEn: 'Terrace permit',
      url: `http://parvis.test/documents/${code}/${number}.pdf?email=nadia%40example.fr`,
    });
  });

  it('answers a wrong e-mail, no e-mail or an unknown number like an unknown code; an agent opens it signed in', async () => {
    // given an issued permit
    const [{ tracking_code: code, document_number: number } = { tracking_code: '', document_number: '' }] =
      await parvis.sql<{ tracking_code: string; document_number: string }[]>`
        select r.tracking_code, d.document_number from issued_documents d join requests r on r.id = d.request_id
        order by d.issued_at limit 1`;
    const path = (n: string, email?: string) =>
      `${parvis.url}/documents/${code}/${n}.pdf${email ? `?email=${encodeURIComponent(email)}` : ''}`;

    // when
    const answers = await Promise.all([
      fetch(path(number, 'intrus@example.fr')),
      fetch(path(number)),
      fetch(path('2026-999999', application.email)),
      fetch(`${parvis.url}/documents/AAAA-BBBB-CCCC/${number}.pdf?email=${application.email}`),
    ]);

    // then each is the same 404
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404]);
    const bodies = await Promise.all(answers.map((a) => a.text()));
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toContain('Aucune demande ne correspond à ce numéro de suivi et à cette adresse e-mail');

    // and an agent of the municipality opens it without the e-mail
    const signIn = await fetch(`${parvis.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SIGN_IN }),
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const byAgent = await fetch(path(number), { headers: { cookie } });
    expect(byAgent.status).toBe(200);
    expect(await pdfText(new Uint8Array(await byAgent.arrayBuffer()))).toContain(number);
  });

  it('issues nothing twice when the job runs again, and numbers the next document in sequence', async () => {
    // given the job of the permit already issued
    const [{ tracking_code: code } = { tracking_code: '' }] = await parvis.sql<{ tracking_code: string }[]>`
      select r.tracking_code from issued_documents d join requests r on r.id = d.request_id limit 1`;
    const [first] = await issuedRows(code);
    const [request] = await parvis.sql<{ id: string }[]>`select id from requests where tracking_code = ${code}`;
    const activities = createActivities({
      sql: parvis.sql,
      mailer: {} as never,
      sms: memorySmsSink(),
      publicUrl: 'http://parvis.test',
    });
    const job = {
      requestId: request!.id,
      municipalityId: 'demo',
      jobId: first!.job_id,
      elementId: 'IssuePermit',
      jobType: 'parvis:document',
      headers: { template: 'permit' },
      variables: first!.variables as never,
    };

    // when the activity runs again, twice at once (a retry racing a timed-out attempt)
    const again = await Promise.all([activities.runJob(job), activities.runJob(job)]);

    // then it answers the same number and URL, and no row was added
    const expected = {
      documentNumber: first!.document_number,
      documentUrl: `http://parvis.test/documents/${code}/${first!.document_number}.pdf`,
    };
    expect(again).toEqual([expected, expected]);
    expect(await issuedRows(code)).toHaveLength(1);

    // and another job of the request gets the next number of the year
    const next = await activities.runJob({ ...job, jobId: 'IssuePermit#9' });
    const year = first!.document_number.slice(0, 4);
    expect(next.documentNumber).toBe(`${year}-000002`);
  });

  it('refuses an unknown template as an incident naming the task and the template, issuing nothing', async () => {
    // given a model whose header names a template that does not exist
    const code = await fileAndReview('terrace-typo');

    // then the job fails at once (no retry) and an incident says what to fix
    const incident = await eventually(async () => {
      const [row] = await parvis.sql<{ payload: { elementId: string; message: string } }[]>`
        select e.payload from timeline_events e join requests r on r.id = e.request_id
        where r.tracking_code = ${code} and e.kind = 'incident'`;
      return row?.payload;
    });
    expect(incident.elementId).toBe('IssuePermit');
    expect(incident.message).toContain('Task IssuePermit (parvis:document) has the unknown template "permis"');
    expect(incident.message).toContain('letter, permit, civil-status-extract, payment-receipt, decision');
    expect(await issuedRows(code)).toHaveLength(0);
    expect(parvis.smtp.messages().filter((m) => m.subject.startsWith('Votre autorisation'))).toHaveLength(1);
  });
});

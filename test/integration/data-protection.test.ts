import { mkdirSync, writeFileSync } from 'node:fs';
import { upsertAgent } from '@parvis/graphql';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completePrepare,
  deployApprovalProcedures,
  fileApprovalRequest,
  openTaskFor,
} from '../support/approval-requests.ts';
import { signInByLink } from '../support/citizen-links.ts';
import { fileContactRequest } from '../support/contact-requests.ts';
import type { GraphqlClient } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

const SIGN_IN = `mutation ($email: String!, $password: String!) { signIn(municipality: "demo", email: $email, password: $password) { id } }`;
const FIND = `query ($contact: String!) { dataSubjects(contact: $contact) {
  id firstName lastName email phone hasAccount requestCount openRequestCount createdAt erasedAt } }`;
const EXPORT = 'query ($id: ID!) { dataSubjectExport(id: $id) }';
const ERASE = 'mutation ($id: ID!) { eraseDataSubject(id: $id) { id email openRequestCount erasedAt } }';
const RETENTION =
  'mutation ($key: String!, $months: Int) { setProcedureRetention(procedureKey: $key, months: $months) { procedureKey kind defaultMonths townMonths months } }';
const REGISTER = `query ($lang: Lang) { processingRegister(lang: $lang) {
  procedureKey name purpose legalBasis dataCategories { key label fields } recipients retentionMonths securityMeasures } }`;

interface Subject {
  id: string;
  email: string | null;
  phone: string | null;
  hasAccount: boolean;
  requestCount: number;
  openRequestCount: number;
  erasedAt: string | null;
}
interface Activity {
  procedureKey: string;
  name: string;
  legalBasis: string;
  dataCategories: { key: string; label: string; fields: string[] }[];
  recipients: string[];
  retentionMonths: number;
  securityMeasures: string[];
}

describe('the data-protection officer: find, export and erase a person; retention periods; the register', () => {
  let parvis: RunningParvis;
  let dpo: GraphqlClient;
  let admin: GraphqlClient;
  let agent: GraphqlClient;
  const cookieOf = (client: GraphqlClient) => (client as unknown as { cookie: string }).cookie;
  const download = (client: GraphqlClient, path: string) =>
    fetch(`${parvis.url}${path}`, { headers: { cookie: cookieOf(client) } });
  const audit = () =>
    parvis.sql<{ action: string; actor_name: string; target: string | null; details: Record<string, unknown> }[]>`
      select action, actor_name, target, details from audit_log where kind in ('privacy', 'export') order by id`;

  beforeAll(async () => {
    parvis = await startParvis();
    await upsertAgent(parvis.sql, {
      municipalityId: 'demo',
      email: 'dpo@demoville.fr',
      displayName: 'Dominique Protection',
      password: 'demo-dpo-secret',
      roles: ['dpo'],
      groups: [],
    });
    await upsertAgent(parvis.sql, {
      municipalityId: 'demo',
      email: 'admin@demoville.fr',
      displayName: 'Ada Admin',
      password: 'demo-admin-secret',
      roles: ['administrator'],
      groups: [],
    });
    dpo = parvis.client();
    await dpo.data(SIGN_IN, { email: 'dpo@demoville.fr', password: 'demo-dpo-secret' });
    admin = parvis.client();
    await admin.data(SIGN_IN, { email: 'admin@demoville.fr', password: 'demo-admin-secret' });
    agent = parvis.client();
    await agent.data(SIGN_IN, { email: 'accueil@demoville.fr', password: 'demo-accueil' });
  });
  afterAll(() => parvis?.stop());

  it('finds a person without an account by the e-mail of their requests, exports them as JSON and PDF, erases them, and logs each step', async () => {
    // given someone who filed two contact requests on the portal without an account
    const first = await fileContactRequest(parvis.client(), 'sans-compte');
    await parvis
      .client()
      .data(
        'mutation ($d: JSON!) { submitRequest(municipality: "demo", procedure: "contact", data: $d) { trackingCode } }',
        { d: { subject: 'Encore moi', message: 'Une seconde question.', email: 'SANS-COMPTE@example.fr' } },
      );

    // when the officer looks them up by that address
    const { dataSubjects } = await dpo.data<{ dataSubjects: Subject[] }>(FIND, { contact: ' sans-compte@example.fr ' });

    // then they are found, with both requests, and no account
    expect(dataSubjects).toHaveLength(1);
    const person = dataSubjects[0]!;
    expect(person).toMatchObject({
      email: 'sans-compte@example.fr',
      hasAccount: false,
      requestCount: 2,
      erasedAt: null,
    });

    // when the officer exports them as JSON
    const { dataSubjectExport } = await dpo.data<{
      dataSubjectExport: { requests: { trackingCode: string; data: Record<string, unknown> }[] };
    }>(EXPORT, { id: person.id });
    // then both requests are there with what they wrote
    expect(dataSubjectExport.requests.map((r) => r.trackingCode)).toContain(first.trackingCode);
    expect(dataSubjectExport.requests.map((r) => r.data.subject).sort()).toEqual([
      'Encore moi',
      'Question sans-compte',
    ]);

    // and as a PDF to hand over
    const pdf = await download(dpo, `/exports/people/${person.id}.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // which a person reads: their address, both requests with what they wrote
    const parser = new PDFParse({ data: new Uint8Array(bytes) });
    try {
      const text = (await parser.getText()).text.replace(/\s+/g, ' ');
      expect(text).toContain('Vos données personnelles');
      expect(text).toContain('sans-compte@example.fr');
      expect(text).toContain(first.trackingCode);
      expect(text).toContain('Une seconde question.');
      // under the form's own labels, in words
      expect(text).toContain('Votre message Une seconde question.');
      expect(text).toContain('(Internet)');
      const shot = await parser.getScreenshot({ scale: 1.5, first: 1, imageBuffer: true, imageDataUrl: false });
      mkdirSync('test-results/screenshots', { recursive: true });
      writeFileSync('test-results/screenshots/data-protection-export-pdf.png', Buffer.from(shot.pages[0]!.data));
    } finally {
      await parser.destroy();
    }

    // when the officer erases them
    const { eraseDataSubject } = await dpo.data<{ eraseDataSubject: Subject }>(ERASE, { id: person.id });

    // then the record keeps no address, their requests no data, and a new search finds nobody
    expect(eraseDataSubject.email).toBeNull();
    expect(eraseDataSubject.erasedAt).toBeTruthy();
    const requests = await parvis.sql<{ data: unknown; citizen_email: string | null }[]>`
      select data, citizen_email from requests where citizen_id = ${person.id}`;
    expect(requests).toHaveLength(2);
    expect(requests.every((r) => r.citizen_email === null && !JSON.stringify(r.data).includes('sans-compte'))).toBe(
      true,
    );
    expect(
      (await dpo.data<{ dataSubjects: Subject[] }>(FIND, { contact: 'sans-compte@example.fr' })).dataSubjects,
    ).toEqual([]);

    // and erasing them again is refused with a message saying why
    const again = await dpo.request(ERASE, { id: person.id });
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_ALLOWED');
    expect(again.errors?.[0]?.message).toMatch(/déjà été effacée/);

    // and the audit log shows each step by the officer, without the address searched
    const entries = await audit();
    expect(entries.map((e) => e.action)).toEqual([
      'privacy.searched',
      'privacy.exported',
      'privacy.exported',
      'privacy.erased',
      'privacy.searched',
      'privacy.erase-refused',
    ]);
    expect(entries.every((e) => e.actor_name === 'Dominique Protection')).toBe(true);
    expect(entries[0]).toMatchObject({
      target: `citizen:${person.id}`,
      details: { by: 'email', found: 1, linkedRequests: 2 },
    });
    expect(entries.map((e) => e.details.format).filter(Boolean)).toEqual(['json', 'pdf']);
    expect(JSON.stringify(entries)).not.toContain('sans-compte');
  });

  it('erases someone whose request is being signed, as the erasure decides: the officer is told it goes on without their data', async () => {
    // given an association's grant request waiting for its signature, filed without an account
    await deployApprovalProcedures(parvis);
    const code = await fileApprovalRequest(parvis.client(), 'approval-chain', {
      email: 'tresorier@asso.example.fr',
      amount: 1200,
    });
    await completePrepare(parvis, agent, code);
    const signing = await openTaskFor(parvis, code, 'service');

    // when the officer finds the treasurer, they see one request still open
    const { dataSubjects } = await dpo.data<{ dataSubjects: Subject[] }>(FIND, {
      contact: 'tresorier@asso.example.fr',
    });
    expect(dataSubjects).toMatchObject([{ requestCount: 1, openRequestCount: 1 }]);
    // and when they erase them
    const { eraseDataSubject } = await dpo.data<{ eraseDataSubject: Subject }>(ERASE, { id: dataSubjects[0]!.id });

    // then the erasure went through (the erasure's rule: an open request's keys go when it closes)
    expect(eraseDataSubject).toMatchObject({ email: null, openRequestCount: 1 });
    expect(eraseDataSubject.erasedAt).toBeTruthy();
    // and the request is still waiting for its signature, without the treasurer's address
    const [request] = await parvis.sql<{ status: string; data: unknown; task: string }[]>`
      select r.status, r.data, t.status as task from requests r join tasks t on t.request_id = r.id
      where r.tracking_code = ${code} and t.id = ${signing.id}`;
    expect(request).toMatchObject({ task: 'open' });
    expect(request!.status).not.toBe('closed');
    expect(JSON.stringify(request!.data)).not.toContain('tresorier');
    // and the audit log says so
    const [erased] = (await audit()).filter((e) => e.action === 'privacy.erased').slice(-1);
    expect(erased?.details).toMatchObject({ requests: 1, openRequests: 1 });
  });

  it('finds a person with an account by their phone in another notation', async () => {
    // given a citizen with an account and a phone on their profile
    const citizen = parvis.client();
    await signInByLink(parvis, citizen, 'demo', 'camille@example.fr');
    await citizen.data(
      'mutation { updateMyProfile(profile: { firstName: "Camille", lastName: "Durand", phone: "06 12 34 56 78" }) { id } }',
    );
    // when the officer searches +33 6 12 34 56 78
    const { dataSubjects } = await dpo.data<{ dataSubjects: Subject[] }>(FIND, { contact: '+33 6 12 34 56 78' });
    // then
    expect(dataSubjects).toMatchObject([{ email: 'camille@example.fr', phone: '06 12 34 56 78', hasAccount: true }]);
  });

  it('refuses bad input with messages saying what and where, and other roles', async () => {
    // a search that is neither an e-mail nor a phone
    const vague = await dpo.request(FIND, { contact: 'Martin' });
    expect(vague.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'contact' });
    expect(vague.errors?.[0]?.message).toContain('ni une adresse e-mail ni un numéro de téléphone');
    // nobody with this address: an empty list, not an error
    expect(
      (await dpo.data<{ dataSubjects: Subject[] }>(FIND, { contact: 'personne@example.fr' })).dataSubjects,
    ).toEqual([]);
    // a person not found
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const query of [EXPORT, ERASE]) {
      const result = await dpo.request(query, { id: unknown });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
      expect(result.errors?.[0]?.message).toContain('Aucune personne');
    }
    const pdf = await download(dpo, `/exports/people/${unknown}.pdf`);
    expect(pdf.status).toBe(404);
    expect(((await pdf.json()) as { errors: { message: string }[] }).errors[0]!.message).toContain('Aucune personne');
    // retention periods that are not positive whole months
    for (const months of [0, -6, 1201]) {
      const result = await admin.request(RETENTION, { key: 'contact', months });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'months' });
      expect(result.errors?.[0]?.message).toContain('nombre entier de mois entre 1 et 1200');
    }
    const [unchanged] =
      await parvis.sql`select retention_months from procedures where municipality_id = 'demo' and key = 'contact'`;
    expect(unchanged?.retention_months).toBeNull();
    const missing = await admin.request(RETENTION, { key: 'nulle-part', months: 12 });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'procedureKey' });
    // an agent is not an officer, an officer not an administrator
    expect((await agent.request(FIND, { contact: 'a@b.fr' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await download(agent, '/exports/processing-register.csv')).status).toBe(403);
    expect((await dpo.request(RETENTION, { key: 'contact', months: 12 })).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
  });

  it('lets the administrator set a period and go back to the default; the register shows each procedure', async () => {
    // when the administrator sets twelve months on contact
    const { setProcedureRetention } = await admin.data<{ setProcedureRetention: Record<string, unknown> }>(RETENTION, {
      key: 'contact',
      months: 12,
    });
    // then twelve months apply instead of the report's 24
    expect(setProcedureRetention).toEqual({
      procedureKey: 'contact',
      kind: 'REPORT',
      defaultMonths: 24,
      townMonths: 12,
      months: 12,
    });

    // and the officer's register shows it, with the other procedures
    const { processingRegister } = await dpo.data<{ processingRegister: Activity[] }>(REGISTER, {});
    const contact = processingRegister.find((a) => a.procedureKey === 'contact')!;
    expect(contact).toMatchObject({ name: 'Contacter la mairie', retentionMonths: 12 });
    expect(contact.legalBasis).toContain('art. 6-1-e');
    expect(contact.dataCategories.find((c) => c.key === 'contact')?.fields).toContain('Votre adresse e-mail');
    expect(contact.recipients).toContain('accueil');
    // the occupation permit is a decision: five years, its plan a supporting document, its signature a measure
    const permit = processingRegister.find((a) => a.procedureKey === 'occupation-domaine-public')!;
    expect(permit.retentionMonths).toBe(60);
    expect(permit.dataCategories.find((c) => c.key === 'documents')?.fields).toContain(
      "Plan de l'emplacement avec ses cotes",
    );
    expect(permit.securityMeasures.join('\n')).toContain('signées électroniquement');

    // and in English
    const english = await dpo.data<{ processingRegister: Activity[] }>(REGISTER, { lang: 'EN' });
    expect(english.processingRegister.find((a) => a.procedureKey === 'contact')?.name).toBe('Contact the town hall');

    // and as a CSV file, one line per procedure
    const csv = await download(dpo, '/exports/processing-register.csv');
    expect(csv.status).toBe(200);
    const body = Buffer.from(await csv.arrayBuffer());
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe(
      'démarche,finalité,base légale,catégories de données,destinataires,durée de conservation (mois),mesures de sécurité',
    );
    expect(lines).toHaveLength(processingRegister.length + 1);

    // when the administrator goes back to the default
    const reset = await admin.data<{ setProcedureRetention: { months: number; townMonths: number | null } }>(
      RETENTION,
      {
        key: 'contact',
        months: null,
      },
    );
    expect(reset.setProcedureRetention).toMatchObject({ townMonths: null, months: 24 });
    // and both changes are in the audit log
    const changes = (await audit()).filter((e) => e.action === 'privacy.retention-changed');
    expect(changes.map((e) => e.details)).toEqual([
      { from: null, to: 12, months: 12 },
      { from: 12, to: null, months: 24 },
    ]);
  });
});

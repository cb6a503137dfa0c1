import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { seedMunicipality } from '../support/municipalities.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';
import { pdfText } from '../support/pdf.ts';

// The front desk and the citizen's record: an agent finds or creates the citizen (never twice),
// registers what came by post or phone with its scans, and the reply goes back by that channel's
// means; the record shows each request and exchange the access rule lets that agent see.

const SIGN_IN = `mutation ($m: ID!, $e: String!, $p: String!) { signIn(municipality: $m, email: $e, password: $p) { id } }`;
const CREATE = `mutation ($c: NewCitizenInput!) { createCitizen(citizen: $c) { id firstName lastName email phone addresses { city } } }`;
const REGISTER = `mutation ($p: String!, $ch: AgentChannel!, $c: CitizenInput!, $d: JSON!, $s: [ID!]) {
  registerRequest(procedure: $p, channel: $ch, citizen: $c, data: $d, scans: $s) { trackingCode replyBy citizenId } }`;
const RECORD = `query ($id: ID!) { citizenRecord(id: $id) {
  citizen { id firstName lastName email phone addresses { street postalCode city } notificationPreferences { email sms } }
  createdBy
  requests { trackingCode channel procedureKey files { name } }
  contacts { direction channel kind trackingCode registeredBy event } } }`;
const SEARCH = `query ($q: String!) { searchCitizens(query: $q) { id } }`;

const PAUL = {
  firstName: 'Paul',
  lastName: 'Martin',
  phone: '06 11 22 33 44',
  address: { street: '3 rue des Lilas', postalCode: '75011', city: 'Démoville' },
};
const LUCIE = { firstName: 'Lucie', lastName: 'Martin', email: 'lucie.martin@example.fr' };
/** What a scanner makes of a letter. */
const SCANNED_LETTER = Buffer.from('%PDF-1.4\n%%EOF\n');

interface Registered {
  trackingCode: string;
  replyBy: string[];
  citizenId: string;
}

interface RecordView {
  citizen: { id: string; email: string | null; addresses: { city: string }[] };
  createdBy: string | null;
  requests: { trackingCode: string; channel: string; procedureKey: string; files: { name: string }[] }[];
  contacts: {
    direction: string;
    channel: string;
    kind: string;
    trackingCode: string;
    registeredBy: string | null;
    event: string | null;
  }[];
}

describe("the citizen's record and the front desk", () => {
  let parvis: RunningParvis;
  const agents: { [who: string]: GraphqlClient } = {};
  const cookieOf = (who: string) => (agents[who] as unknown as { cookie: string }).cookie;
  let paulId: string;
  let postCode: string;
  let phoneCode: string;

  const record = (who: string, id: string) => agents[who]!.request<{ citizenRecord: RecordView }>(RECORD, { id });
  const register = async (who: string, variables: Record<string, unknown>) =>
    (await agents[who]!.data<{ registerRequest: Registered }>(REGISTER, variables)).registerRequest;
  const uploadScan = async (who: string | null, bytes = SCANNED_LETTER, name = 'courrier-scanne.pdf') => {
    const body = new FormData();
    body.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), name);
    const response = await fetch(`${parvis.url}/files/demo/contact?field=${encodeURIComponent('$scans')}`, {
      method: 'POST',
      body,
      headers: who ? { cookie: cookieOf(who) } : {},
    });
    return { status: response.status, body: (await response.json()) as { id?: string; message?: string } };
  };
  const count = async (table: 'requests' | 'citizens') =>
    (await parvis.sql<{ n: number }[]>`select count(*)::int as n from ${parvis.sql(table)}`)[0]!.n;

  beforeAll(async () => {
    parvis = await startParvis();
    await seedMunicipality(parvis.sql, 'bourg', {
      email: 'agent@bourg.fr',
      password: 'bourg-secret',
      displayName: 'Bastien Bourg',
    });
    for (const [who, municipality, email, password] of [
      ['accueil', 'demo', 'accueil@demoville.fr', 'demo-accueil'],
      ['voirie', 'demo', 'voirie@demoville.fr', 'demo-voirie'],
      ['manager', 'demo', 'manager@demoville.fr', 'demo-manager'],
      ['analyste', 'demo', 'analyste@demoville.fr', 'demo-analyste'],
      ['bourg', 'bourg', 'agent@bourg.fr', 'bourg-secret'],
    ] as const) {
      agents[who] = parvis.client();
      await agents[who].data(SIGN_IN, { m: municipality, e: email, p: password });
    }
  });
  afterAll(() => parvis?.stop());

  it('creates a citizen once: a second record with the same e-mail or phone is refused, naming the first', async () => {
    // given Paul Martin, created at the counter with his phone and postal address
    const { createCitizen: paul } = await agents.accueil!.data<{ createCitizen: { id: string } }>(CREATE, { c: PAUL });
    paulId = paul.id;
    const { createCitizen: lucie } = await agents.accueil!.data<{ createCitizen: { id: string } }>(CREATE, {
      c: LUCIE,
    });
    const citizens = await count('citizens');

    // when the desk tries to create them again, by another notation of the same phone or e-mail
    const samePhone = await agents.accueil!.request(CREATE, { c: { lastName: 'Martin', phone: '+33 6 11 22 33 44' } });
    const sameEmail = await agents.manager!.request(CREATE, {
      c: { lastName: 'Martin', email: 'Lucie.Martin@Example.fr' },
    });
    // or registers a call for a "new" caller who gives Paul's number
    const requests = await count('requests');
    const newCaller = await agents.accueil!.request(REGISTER, {
      p: 'contact',
      ch: 'PHONE',
      c: { firstName: 'P.', lastName: 'Martin', phone: '0611223344' },
      d: { subject: 'Encombrants', message: 'Quand passe la collecte des encombrants ?' },
    });

    // then each is refused with the existing record named, and nothing is written
    for (const [result, id, field] of [
      [samePhone, paulId, 'citizen.phone'],
      [sameEmail, lucie.id, 'citizen.email'],
      [newCaller, paulId, 'citizen.phone'],
    ] as const) {
      const error = result.errors?.[0];
      expect(error?.extensions).toMatchObject({ code: 'CITIZEN_EXISTS', citizenId: id, field });
      expect(error?.message).toMatch(
        /Martin est déjà enregistré·e avec .* : ouvrez sa fiche .* \/ .* is already on record/,
      );
    }
    expect(await count('citizens')).toBe(citizens);
    expect(await count('requests')).toBe(requests);
  });

  it('refuses a citizen without identity or with a wrong postal code, field by field', async () => {
    // when
    const result = await agents.accueil!.request(CREATE, {
      c: { firstName: 'Sans', address: { street: '1 rue Haute', postalCode: '750', city: 'Démoville' } },
    });
    // then
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = ((result.errors?.[0]?.extensions?.fields ?? []) as { field: string }[]).map((f) => f.field);
    expect(fields).toEqual(['citizen.lastName', 'citizen.address.postalCode']);
  });

  it('registers a letter with its scan and a phone call: the reply goes by post and by SMS', async () => {
    // given a scanned letter, which only a signed-in agent may send as a scan
    expect((await uploadScan(null)).status).toBe(403);
    const scan = await uploadScan('accueil');
    expect(scan.status).toBe(201);

    // when the desk registers Paul's letter with its scan, and later his phone call
    const post = await register('accueil', {
      p: 'contact',
      ch: 'POST',
      c: { id: paulId },
      d: { subject: 'Stationnement', message: 'Je demande une place de stationnement pour personne handicapée.' },
      s: [scan.body.id],
    });
    const phone = await register('accueil', {
      p: 'contact',
      ch: 'PHONE',
      c: { id: paulId },
      d: { subject: 'Encombrants', message: 'Quand passe la collecte des encombrants rue des Lilas ?' },
    });
    postCode = post.trackingCode;
    phoneCode = phone.trackingCode;

    // then Paul, who has no e-mail, hears back by letter for the letter and by SMS for the call
    expect(post).toMatchObject({ replyBy: ['LETTER'], citizenId: paulId });
    expect(phone).toMatchObject({ replyBy: ['SMS'], citizenId: paulId });
    // and the call's data stays what its form asked
    const [call] = await parvis.sql<{ data: Record<string, unknown> }[]>`
      select data from requests where tracking_code = ${phoneCode}`;
    expect(call?.data).not.toHaveProperty('notifyBySms');
    expect(call?.data).not.toHaveProperty('phone');
    // and the letter to print carries the letterhead, his address, the tracking code and the reply
    const letter = await fetch(`${parvis.url}/documents/${postCode}/courrier.pdf`, {
      headers: { cookie: cookieOf('accueil') },
    });
    expect(letter.status).toBe(200);
    expect(letter.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(new Uint8Array(await letter.arrayBuffer()));
    for (const words of [
      'Mairie de Démoville',
      'COURRIER',
      'Paul Martin',
      '3 rue des Lilas',
      '75011 Démoville',
      postCode,
      'a bien reçu votre demande « Contacter la mairie »',
      'English version',
    ]) {
      expect(text).toContain(words);
    }
    // and nobody else prints it: not without a session, not an agent of another town
    expect((await fetch(`${parvis.url}/documents/${postCode}/courrier.pdf`)).status).toBe(404);
    const foreign = await fetch(`${parvis.url}/documents/${postCode}/courrier.pdf`, {
      headers: { cookie: cookieOf('bourg') },
    });
    expect(foreign.status).toBe(404);
    // and the acknowledgement of the call went to his phone
    await eventually(async () => {
      const { data } = await record('accueil', paulId);
      return data?.citizenRecord.contacts.find(
        (c) =>
          c.trackingCode === phoneCode &&
          c.direction === 'OUTGOING' &&
          c.channel === 'sms' &&
          c.kind === 'ACKNOWLEDGED',
      );
    }, 40_000);
  });

  it('shows the record: identity, preferences, each request and exchange across channels, and who registered them', async () => {
    // when the desk opens Paul's record
    const { data } = await record('accueil', paulId);
    const paul = data!.citizenRecord;

    // then
    expect(paul.citizen).toMatchObject({ email: null, addresses: [{ city: 'Démoville' }] });
    expect(paul.createdBy).toBe('Camille Accueil');
    expect(paul.requests.map((r) => [r.trackingCode, r.channel])).toEqual([
      [phoneCode, 'phone'],
      [postCode, 'post'],
    ]);
    expect(paul.requests[1]!.files.map((f) => f.name)).toEqual(['courrier-scanne.pdf']);
    const filed = paul.contacts.filter((c) => c.kind === 'REQUEST_FILED');
    expect(filed).toEqual([
      expect.objectContaining({
        channel: 'phone',
        direction: 'INCOMING',
        trackingCode: phoneCode,
        registeredBy: 'Camille Accueil',
      }),
      expect.objectContaining({
        channel: 'post',
        direction: 'INCOMING',
        trackingCode: postCode,
        registeredBy: 'Camille Accueil',
      }),
    ]);
    // and each request's page leads back to his record
    const { request } = await agents.accueil!.data<{ request: { citizenId: string } }>(
      'query ($c: String!) { request(trackingCode: $c) { citizenId } }',
      { c: postCode },
    );
    expect(request.citizenId).toBe(paulId);
    // and no message about the requests to the agents (their task mails) appears as Paul's
    expect(paul.contacts.every((c) => c.kind !== 'notified' || c.event !== 'taskOpened')).toBe(true);
  });

  it('lists only the requests the access rule gives each agent; managers all of the town; analysts nothing', async () => {
    // given a pothole Paul reported by phone to the roads department, which the front desk does not handle
    const pothole = await register('voirie', {
      p: 'signalement',
      ch: 'PHONE',
      c: { id: paulId },
      d: { categorie: 'chaussee', message: 'Nid-de-poule devant le 3 rue des Lilas.' },
    });

    // when each opens Paul's record
    const codes = async (who: string) =>
      (await record(who, paulId)).data?.citizenRecord.requests.map((r) => r.trackingCode).sort();

    // then the desk sees what it registered, the roads agent theirs, the manager everything
    expect(await codes('accueil')).toEqual([phoneCode, postCode].sort());
    expect(await codes('voirie')).toEqual([pothole.trackingCode]);
    expect(await codes('manager')).toEqual([phoneCode, postCode, pothole.trackingCode].sort());
    // and an analyst may not read a citizen's record at all
    const analyst = await record('analyste', paulId);
    expect(analyst.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(analyst.data).toBeNull();
  });

  it('keeps two towns apart: the same e-mail is two records, and neither town sees the other’s', async () => {
    // given Lucie Martin known in Démoville, and a Lucie Martin with the same e-mail created in Bourg
    const { createCitizen: bourgLucie } = await agents.bourg!.data<{ createCitizen: { id: string } }>(CREATE, {
      c: LUCIE,
    });
    const [demoLucie] = (
      await agents.accueil!.data<{ searchCitizens: { id: string }[] }>(SEARCH, { q: 'lucie.martin@' })
    ).searchCitizens;
    expect(bourgLucie.id).not.toBe(demoLucie!.id);

    // when each town's agent asks for the other's record
    const fromDemo = await record('accueil', bourgLucie.id);
    const fromBourg = await record('bourg', demoLucie!.id);

    // then it does not exist for them, as an unknown id would not
    expect(fromDemo.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(fromBourg.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await record('bourg', paulId)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // and searching by the e-mail finds each town's own record only
    const { searchCitizens } = await agents.bourg!.data<{ searchCitizens: { id: string }[] }>(SEARCH, {
      q: 'lucie.martin@',
    });
    expect(searchCitizens.map((c) => c.id)).toEqual([bourgLucie.id]);
  });
});

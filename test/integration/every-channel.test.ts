import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

const SIGN_IN = `mutation ($email: String!, $password: String!) { signIn(municipality: "demo", email: $email, password: $password) { id } }`;
const REGISTER = `mutation ($channel: AgentChannel!, $citizen: CitizenInput!, $data: JSON!) {
  registerRequest(procedure: "contact", channel: $channel, citizen: $citizen, data: $data) { trackingCode } }`;
const SEARCH = `query ($q: String!) { searchCitizens(query: $q) { id firstName lastName email phone } }`;
const INBOX = `{ inbox: workQueue(filter: { scope: AVAILABLE }, first: 200) { channel request { trackingCode channel } } }`;

interface Citizen {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
}

describe('every channel: an agent registers requests received at the counter, by phone, post, fax or e-mail', () => {
  let parvis: RunningParvis;
  let agent: GraphqlClient;
  const count = async (table: 'requests' | 'citizens') =>
    (await parvis.sql<{ n: number }[]>`select count(*)::int as n from ${parvis.sql(table)}`)[0]!.n;

  beforeAll(async () => {
    parvis = await startParvis();
    agent = parvis.client();
    await agent.data(SIGN_IN, { email: 'accueil@demoville.fr', password: 'demo-accueil' });
  });
  afterAll(() => parvis?.stop());

  it('registers a phone call for a new citizen, who is then found by name, e-mail or phone', async () => {
    // given a citizen nobody knows yet
    expect((await agent.data<{ searchCitizens: Citizen[] }>(SEARCH, { q: 'Durand' })).searchCitizens).toEqual([]);
    // when the agent registers their phone call
    const { registerRequest } = await agent.data<{ registerRequest: { trackingCode: string } }>(REGISTER, {
      channel: 'PHONE',
      citizen: { firstName: 'Jeanne', lastName: 'Durand', phone: '06 12 34 56 78', email: 'Jeanne.Durand@example.fr' },
      data: { subject: 'Encombrants', message: 'Quand passe la collecte des encombrants ?' },
    });
    // then the inbox shows the request with its channel
    const task = await eventually(async () =>
      (
        await agent.data<{ inbox: { channel: string; request: { trackingCode: string; channel: string } }[] }>(INBOX)
      ).inbox.find((t) => t.request.trackingCode === registerRequest.trackingCode),
    );
    expect(task).toMatchObject({ channel: 'phone', request: { channel: 'phone' } });
    // and the citizen gets the acknowledgement at the address the agent typed
    await eventually(async () =>
      parvis.smtp
        .messages()
        .find((m) => m.to.includes('jeanne.durand@example.fr') && m.subject.includes(registerRequest.trackingCode)),
    );
    // and the citizen is found by name, by e-mail and by phone in another notation
    for (const q of ['durand jea', 'jeanne.durand@', '+33 6 12 34 56 78']) {
      const { searchCitizens } = await agent.data<{ searchCitizens: Citizen[] }>(SEARCH, { q });
      expect(searchCitizens.map((c) => c.lastName)).toEqual(['Durand']);
    }
    const [row] = await parvis.sql<{ registered_by: string | null; citizen_id: string | null }[]>`
      select registered_by, citizen_id from requests where tracking_code = ${registerRequest.trackingCode}`;
    expect(row?.registered_by).toBeTruthy();
    expect(row?.citizen_id).toBeTruthy();
  });

  it('files a counter visit for a known citizen without creating them twice', async () => {
    // given a known citizen
    const [known] = (await agent.data<{ searchCitizens: Citizen[] }>(SEARCH, { q: 'Durand' })).searchCitizens;
    const before = await count('citizens');
    // when the agent registers requests received at the counter, by post, by fax and by e-mail
    for (const channel of ['counter', 'post', 'fax', 'email']) {
      await agent.data(REGISTER, {
        channel: channel.toUpperCase(),
        citizen: channel === 'email' ? { email: 'jeanne.durand@example.fr' } : { id: known!.id },
        data: { subject: `Courrier ${channel}`, message: 'Demande de rendez-vous avec le maire.' },
      });
    }
    // then each request records its channel, all for the same citizen
    const rows = await parvis.sql<{ channel: string; citizen_id: string }[]>`
      select channel, citizen_id from requests where data->>'subject' like 'Courrier %' order by submitted_at`;
    expect(rows.map((r) => r.channel)).toEqual(['counter', 'post', 'fax', 'email']);
    expect(new Set(rows.map((r) => r.citizen_id))).toEqual(new Set([known!.id]));
    expect(await count('citizens')).toBe(before);
  });

  it('refuses a citizen without any identity, or a form that fails, and keeps nothing', async () => {
    // given
    const [requests, citizens] = [await count('requests'), await count('citizens')];
    // when the citizen has neither name nor contact
    const anonymous = await agent.request(REGISTER, {
      channel: 'COUNTER',
      citizen: { firstName: 'Paul', email: 'pas-une-adresse' },
      data: { subject: 'Test', message: 'Un message assez long.' },
    });
    // then both problems are named, field by field
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(((anonymous.errors?.[0]?.extensions?.fields ?? []) as { field: string }[]).map((f) => f.field)).toEqual([
      'citizen.lastName',
      'citizen.email',
    ]);
    // when a new citizen's request fails the form
    const invalid = await agent.request(REGISTER, {
      channel: 'POST',
      citizen: { lastName: 'Moreau', email: 'moreau@example.fr' },
      data: { subject: 'x' },
    });
    // then nothing is stored: neither request nor citizen
    expect(invalid.errors?.[0]?.extensions?.code).toBe('FORM_INVALID');
    expect([await count('requests'), await count('citizens')]).toEqual([requests, citizens]);
  });

  it('keeps web submissions on channel web and registration for agents only', async () => {
    // when a citizen files on the web
    const { submitRequest } = await parvis
      .client()
      .data<{ submitRequest: { trackingCode: string } }>(
        `mutation ($d: JSON!) { submitRequest(municipality: "demo", procedure: "contact", data: $d) { trackingCode } }`,
        { d: { subject: 'Piscine', message: 'Horaires de la piscine ?', email: 'web@example.fr' } },
      );
    // then its channel is web
    const [row] = await parvis.sql<
      { channel: string }[]
    >`select channel from requests where tracking_code = ${submitRequest.trackingCode}`;
    expect(row?.channel).toBe('web');
    // and an analyst, or someone signed out, cannot register nor search
    const analyst = parvis.client();
    await analyst.data(SIGN_IN, { email: 'analyste@demoville.fr', password: 'demo-analyste' });
    const data = { subject: 'Test', message: 'Un message assez long.' };
    expect(
      (await analyst.request(REGISTER, { channel: 'PHONE', citizen: { lastName: 'X' }, data })).errors?.[0]?.extensions
        ?.code,
    ).toBe('FORBIDDEN');
    expect((await parvis.client().request(SEARCH, { q: 'Durand' })).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });
});

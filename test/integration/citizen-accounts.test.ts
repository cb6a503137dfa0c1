import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastLinkTo } from '../support/citizen-links.ts';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

const SIGN_UP = `mutation ($email: String!, $password: String!) {
  signUp(municipality: "demo", email: $email, password: $password, firstName: "Léa", lastName: "Martin",
    consent: { purpose: "compte", text: "J'accepte que la mairie conserve mes coordonnées pour traiter mes demandes." }) }`;
const WITH_LINK = `mutation ($token: String!) { signInWithLink(municipality: "demo", token: $token) { id email firstName } }`;
const WITH_PASSWORD = `mutation ($email: String!, $password: String!) {
  citizenSignIn(municipality: "demo", email: $email, password: $password) { id email } }`;
const SUBMIT = `mutation ($d: JSON!) { submitRequest(municipality: "demo", procedure: "contact", data: $d) { trackingCode } }`;
const PASSWORD = 'un mot de passe assez long';

describe("citizens' accounts: sign-up, sign-in by password or link, profile, consent, data, deletion", () => {
  let parvis: RunningParvis;
  let lea: GraphqlClient;

  const linkTo = (email: string) => lastLinkTo(parvis, email);

  beforeAll(async () => {
    parvis = await startParvis();
    lea = parvis.client();
  });
  afterAll(() => parvis?.stop());

  it('signs up: the password works only once the link mailed to the address is opened, and only once', async () => {
    // when Léa signs up
    await lea.data(SIGN_UP, { email: 'lea@example.fr', password: PASSWORD });
    // then her password does not open a session before she confirms her address
    const early = await lea.request(WITH_PASSWORD, { email: 'lea@example.fr', password: PASSWORD });
    expect(early.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // when she opens the link
    const token = await linkTo('lea@example.fr');
    const { signInWithLink } = await lea.data<{ signInWithLink: { email: string; firstName: string } }>(WITH_LINK, {
      token,
    });
    expect(signInWithLink).toMatchObject({ email: 'lea@example.fr', firstName: 'Léa' });
    // then the link is spent, and her password now works
    expect((await parvis.client().request(WITH_LINK, { token })).errors?.[0]?.extensions?.code).toBe('LINK_INVALID');
    await parvis.client().data(WITH_PASSWORD, { email: 'Lea@Example.fr', password: PASSWORD });
    // and her consent is recorded with its text and date
    const { myConsents } = await lea.data<{ myConsents: { purpose: string; text: string; givenAt: string }[] }>(
      '{ myConsents { purpose text givenAt } }',
    );
    expect(myConsents).toHaveLength(1);
    expect(myConsents[0]).toMatchObject({ purpose: 'compte', text: expect.stringContaining('coordonnées') });
    expect(Date.parse(myConsents[0]!.givenAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('signs in with a one-time link alone, creating the account of a new address', async () => {
    // given someone unknown
    const paul = parvis.client();
    expect((await paul.data<{ myProfile: unknown }>('{ myProfile { id } }')).myProfile).toBeNull();
    // when they ask for a link and open it
    await paul.data('mutation { requestSignInLink(municipality: "demo", email: "paul@example.fr") }');
    await paul.data(WITH_LINK, { token: await linkTo('paul@example.fr') });
    // then they are signed in
    const { myProfile } = await paul.data<{ myProfile: { email: string } }>('{ myProfile { email } }');
    expect(myProfile.email).toBe('paul@example.fr');
  });

  it('keeps a profile that prefills forms, and lists the requests filed while signed in', async () => {
    // when Léa fills her profile
    await lea.data(`mutation { updateMyProfile(profile: {
      phone: "06 11 22 33 44",
      addresses: [{ label: "Maison", street: "3 rue des Lilas", postalCode: "67000", city: "Strasbourg" }],
      notificationPreferences: { email: true, sms: true } }) { id } }`);
    // then the contact form comes prefilled with her address
    const { myPrefill } = await lea.data<{ myPrefill: Record<string, string> }>('{ myPrefill(procedure: "contact") }');
    expect(myPrefill).toEqual({ email: 'lea@example.fr' });
    // when she files a request signed in
    const { submitRequest } = await lea.data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
      d: { subject: 'Jardins familiaux', message: 'Reste-t-il des parcelles ?', ...myPrefill },
    });
    // then it is among her requests
    const { myRequests } = await lea.data<{ myRequests: { trackingCode: string; channel: string }[] }>(
      '{ myRequests { trackingCode channel } }',
    );
    expect(myRequests).toEqual([{ trackingCode: submitRequest.trackingCode, channel: 'web' }]);
    // and she follows it signed in, without typing her e-mail; nobody else can
    const own = await lea.data<{ request: { channel: string } }>(
      'query ($c: String!) { request(trackingCode: $c) { channel } }',
      {
        c: submitRequest.trackingCode,
      },
    );
    expect(own.request.channel).toBe('web');
    const other = parvis.client();
    await other.data('mutation { requestSignInLink(municipality: "demo", email: "autre@example.fr") }');
    await other.data(WITH_LINK, { token: await linkTo('autre@example.fr') });
    const refused = await other.request('query ($c: String!) { request(trackingCode: $c) { channel } }', {
      c: submitRequest.trackingCode,
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const { myProfile } = await lea.data<{ myProfile: Record<string, unknown> }>(
      '{ myProfile { phone addresses { city } notificationPreferences { sms } } }',
    );
    expect(myProfile).toEqual({
      phone: '06 11 22 33 44',
      addresses: [{ city: 'Strasbourg' }],
      notificationPreferences: { sms: true },
    });
  });

  it('gives a citizen all their data as JSON', async () => {
    // when (once the workflow has projected the request's first events)
    const myData = await eventually(async () => {
      const { myData } = await lea.data<{ myData: { requests: { timeline: unknown[] }[] } }>('{ myData }');
      return myData.requests[0]?.timeline.length ? myData : undefined;
    });
    // then
    expect(myData).toMatchObject({
      municipality: 'demo',
      profile: { firstName: 'Léa', lastName: 'Martin', email: 'lea@example.fr', phone: '06 11 22 33 44' },
      consents: [{ purpose: 'compte' }],
      requests: [{ channel: 'web', data: { subject: 'Jardins familiaux' } }],
    });
  });

  it('makes an address that guesses passwords wait, even with the right one, and offers a link', async () => {
    // given wrong passwords from one address until it must wait, and one more once the wait is over
    const intruder = parvis.client();
    const wrong = (i: number) =>
      intruder.request(WITH_PASSWORD, { email: 'lea@example.fr', password: `essai ${i} raté` });
    let checked = 0;
    let refused = await wrong(checked);
    while (refused.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED' && checked < 20)
      refused = await wrong(++checked);
    expect(checked).toBeGreaterThanOrEqual(5);
    await sleep(Number(refused.errors?.[0]?.extensions?.retryAfterSeconds) * 1000);
    expect((await wrong(99)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // when the right password comes at once
    const blocked = await intruder.request(WITH_PASSWORD, { email: 'lea@example.fr', password: PASSWORD });
    // then it is refused unchecked, with a longer wait said in words, and a sign-in link offered instead
    const { code, retryAfterSeconds } = blocked.errors?.[0]?.extensions ?? {};
    expect(code).toBe('RATE_LIMITED');
    expect(retryAfterSeconds).toBeGreaterThan(Number(refused.errors?.[0]?.extensions?.retryAfterSeconds));
    expect(blocked.errors?.[0]?.message).toBe(
      `Trop de tentatives : réessayez dans ${retryAfterSeconds} s, ou demandez un lien de connexion. / Too many attempts: try again in ${retryAfterSeconds} s, or ask for a sign-in link.`,
    );
  });

  it('deletes an account: identity gone, requests kept anonymous for the counts', async () => {
    // given Léa's request
    const [before] = await parvis.sql<{ n: number }[]>`select count(*)::int as n from requests`;
    const { myRequests } = await lea.data<{ myRequests: { trackingCode: string }[] }>(
      '{ myRequests { trackingCode } }',
    );
    // when she deletes her account
    await lea.data('mutation { deleteMyAccount }');
    // then she is signed out, and nobody can sign in as her
    expect((await lea.data<{ myProfile: unknown }>('{ myProfile { id } }')).myProfile).toBeNull();
    const again = await parvis.client().request(WITH_PASSWORD, { email: 'lea@example.fr', password: PASSWORD });
    expect(again.errors?.[0]?.extensions?.code).toMatch(/UNAUTHENTICATED|RATE_LIMITED/);
    // and nothing of her identity stays, while her request still counts
    const [citizen] =
      await parvis.sql`select first_name, last_name, email, phone, password_hash, erased_at from citizens
      where erased_at is not null`;
    expect(citizen).toMatchObject({ first_name: null, last_name: null, email: null, phone: null, password_hash: null });
    const [after] = await parvis.sql<{ n: number }[]>`select count(*)::int as n from requests`;
    expect(after?.n).toBe(before?.n);
    const [request] = await parvis.sql<{ data: unknown; citizen_email: string | null }[]>`
      select data, citizen_email from requests where tracking_code = ${myRequests[0]!.trackingCode}`;
    expect(request).toEqual({ data: { erased: true }, citizen_email: null });
  });
});

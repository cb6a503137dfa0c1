import { createHash, randomBytes } from 'node:crypto';
import { upsertAgent } from '@parvis/graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession } from '../support/browser-session.ts';
import { signInByLink } from '../support/citizen-links.ts';
import { type RunningProvider, startOpenIdProvider } from '../support/openid-provider.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

// Citizens sign in through FranceConnect: here a stand-in configured as FranceConnect's
// integration platform (oidc-provider: its endpoints under /api/v2, its claims, eidas1, signed ID
// token). The real one is the same settings with its issuer and the town's client (docs/operations.md).

const ANGELA = {
  sub: 'b6048e95bb134ec5b1d1e1fa69f287172e91722b9354d637a1bcf2ebb0fd2ef5v1',
  given_name: 'Angela Claire Louise',
  family_name: 'DUBOIS',
  birthdate: '1962-08-24',
  gender: 'female',
  birthplace: '75107',
  birthcountry: '99100',
  email: 'wossewodda-3728@yopmail.com',
  preferred_username: '',
};
const ADMIN = { email: 'admin-fc@demoville.fr', password: 'admin-fc-secret', displayName: 'Fanny Admin' };

describe('citizens: FranceConnect', () => {
  let parvis: RunningParvis;
  let franceConnect: RunningProvider;

  beforeAll(async () => {
    parvis = await startParvis();
    franceConnect = await startOpenIdProvider({
      franceConnect: true,
      redirectUris: [`${parvis.url}/auth/demo/citizens/callback`],
      postLogoutRedirectUris: [`${parvis.url}/`],
    });
    // the town's administrator sets FranceConnect up
    await upsertAgent(parvis.sql, { ...ADMIN, municipalityId: 'demo', roles: ['administrator'], groups: [] });
    const admin = new BrowserSession(parvis.url);
    await admin.graphql(
      `mutation { signIn(municipality: "demo", email: "${ADMIN.email}", password: "${ADMIN.password}") { id } }`,
    );
    const saved = await admin.graphql(
      'mutation ($p: SignInProviderInput!) { saveSignInProvider(provider: $p) { scopes acrValues } }',
      {
        p: {
          audience: 'citizens',
          label: 'FranceConnect',
          issuer: franceConnect.issuer,
          clientId: franceConnect.clientId,
          clientSecret: franceConnect.clientSecret,
          acrValues: 'eidas1',
        },
      },
    );
    expect(saved).toEqual({
      data: { saveSignInProvider: { scopes: 'openid given_name family_name birthdate email', acrValues: 'eidas1' } },
    });
  });
  afterAll(async () => {
    await franceConnect?.stop();
    await parvis?.stop();
  });

  it('signs a new citizen in with their FranceConnect identity, at eIDAS level 1', async () => {
    franceConnect.signInAs(ANGELA);
    const browser = new BrowserSession(parvis.url);
    // when they choose FranceConnect
    const authorize = new URL((await browser.get('/auth/demo/citizens/start')).headers.get('location')!);
    // then FranceConnect is asked for its claims at level eidas1, with PKCE, state and nonce
    expect(authorize.origin + authorize.pathname).toBe(`${franceConnect.issuer}/authorize`);
    expect(authorize.searchParams.get('acr_values')).toBe('eidas1');
    expect(authorize.searchParams.get('scope')).toBe('openid given_name family_name birthdate email');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    const { url: callback } = await browser.follow(authorize.href, (u) => u.pathname.endsWith('/callback'));
    const landed = await browser.get(callback.href);
    // and they land in their account, made of FranceConnect's identity
    expect(landed.headers.get('location')).toBe('/mon-compte');
    const profile = await browser.graphql<{ myProfile: { firstName: string; lastName: string; email: string } }>(
      '{ myProfile { firstName lastName email } }',
    );
    expect(profile.data?.myProfile).toEqual({
      firstName: ANGELA.given_name,
      lastName: ANGELA.family_name,
      email: ANGELA.email,
    });
    const [row] =
      await parvis.sql`select birthdate::text, franceconnect_subject from citizens where email = ${ANGELA.email}`;
    expect(row).toEqual({ birthdate: '1962-08-24', franceconnect_subject: ANGELA.sub });
    // the audit log says how, and at which level
    const [entry] =
      await parvis.sql`select action, details from audit_log where actor_citizen_id is not null order by id desc limit 1`;
    expect(entry).toEqual({ action: 'sign-in.succeeded', details: { method: 'franceconnect', acr: 'eidas1' } });
  });

  it('refuses a replayed callback', async () => {
    franceConnect.signInAs(ANGELA);
    const browser = new BrowserSession(parvis.url);
    const { url: callback } = await browser.follow('/auth/demo/citizens/start', (u) =>
      u.pathname.endsWith('/callback'),
    );
    expect((await browser.get(callback.href)).status).toBe(302);
    const replayed = await new BrowserSession(parvis.url).get(callback.href);
    expect(replayed.status).toBe(400);
    expect(await replayed.text()).toContain('inconnue ou a déjà servi');
  });

  it('logs the citizen out of Parvis and of FranceConnect (its end-session endpoint, with the ID token)', async () => {
    franceConnect.signInAs(ANGELA);
    const browser = new BrowserSession(parvis.url);
    await browser.follow('/auth/demo/citizens/start');
    const out = await browser.get('/auth/demo/citizens/logout');
    const endSession = new URL(out.headers.get('location')!);
    expect(endSession.origin + endSession.pathname).toBe(`${franceConnect.issuer}/session/end`);
    expect(endSession.searchParams.get('id_token_hint')).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${parvis.url}/`);
    // FranceConnect takes it (its logout page), and Parvis's session is closed
    expect((await browser.get(endSession.href)).status).toBe(200);
    expect((await browser.graphql<{ myProfile: unknown }>('{ myProfile { email } }')).data?.myProfile).toBeNull();
  });

  it('links a FranceConnect identity to an existing account, which it then signs in to', async () => {
    // given a citizen with an account of their own, signed in
    const [bernard] = await parvis.sql<
      { id: string }[]
    >`insert into citizens (municipality_id, email, email_confirmed_at, first_name)
      values ('demo', 'bernard@demo.fr', now(), 'Bernard') returning id`;
    const token = randomBytes(32).toString('base64url');
    await parvis.sql`insert into citizen_sessions (token_hash, citizen_id, municipality_id, expires_at)
      values (${createHash('sha256').update(token).digest('hex')}, ${bernard!.id}, 'demo', now() + interval '1 hour')`;
    const browser = new BrowserSession(parvis.url);
    browser.setCookie('parvis_citizen', token);
    // when they link FranceConnect from their account
    const identity = { ...ANGELA, sub: 'bernard-fc', email: 'bernard.autre@fc.example', given_name: 'Bernard' };
    franceConnect.signInAs(identity);
    await browser.follow('/auth/demo/citizens/start?link=1');
    // then their account carries it
    const [linked] = await parvis.sql`select franceconnect_subject, email from citizens where id = ${bernard!.id}`;
    expect(linked).toEqual({ franceconnect_subject: 'bernard-fc', email: 'bernard@demo.fr' });
    // and a FranceConnect sign-in elsewhere opens their account, not a new one
    const elsewhere = new BrowserSession(parvis.url);
    franceConnect.signInAs(identity);
    await elsewhere.follow('/auth/demo/citizens/start');
    const profile = await elsewhere.graphql<{ myProfile: { email: string } }>('{ myProfile { email } }');
    expect(profile.data?.myProfile.email).toBe('bernard@demo.fr');
    expect(await parvis.sql`select 1 from citizens where email = 'bernard.autre@fc.example'`).toHaveLength(0);
  });

  it('does not take over an unlinked account with the same e-mail address: its owner links it', async () => {
    await parvis.sql`insert into citizens (municipality_id, email, email_confirmed_at) values ('demo', 'chloe@demo.fr', now())`;
    franceConnect.signInAs({ ...ANGELA, sub: 'chloe-fc', email: 'chloe@demo.fr' });
    const browser = new BrowserSession(parvis.url);
    const { response } = await browser.follow('/auth/demo/citizens/start');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Un compte existe déjà avec cette adresse e-mail');
    expect(await parvis.sql`select 1 from citizens where franceconnect_subject = 'chloe-fc'`).toHaveLength(0);
  });

  it("logs citizens' other sign-ins too: a wrong password refused, a link taken", async () => {
    const client = parvis.client();
    const refused = await client.request(
      'mutation { citizenSignIn(municipality: "demo", email: "denise@demo.fr", password: "pas le bon") { id } }',
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await signInByLink(parvis, client, 'demo', 'denise@demo.fr');
    const entries = await parvis.sql`select action, actor_name, details from audit_log
      where actor_name = 'denise@demo.fr' order by id`;
    expect(entries).toEqual([
      {
        action: 'sign-in.failed',
        actor_name: 'denise@demo.fr',
        details: { method: 'password', audience: 'citizens', reason: 'unknown e-mail' },
      },
      { action: 'sign-in.succeeded', actor_name: 'denise@demo.fr', details: { method: 'link', audience: 'citizens' } },
    ]);
  });
});

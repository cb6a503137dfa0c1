import { upsertAgent } from '@parvis/graphql';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession } from '../support/browser-session.ts';
import { type RunningProvider, startOpenIdProvider } from '../support/openid-provider.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

// Agents of the demo town sign in through the town's directory, a real OpenID provider (panva's
// oidc-provider) on a loopback port; administrators set it up, with TOTP as their second factor.

const ADMIN = { email: 'admin@demoville.fr', password: 'admin-demo-secret', displayName: 'Adèle Admin' };
const CLAIRE = {
  sub: 'claire-1',
  email: 'claire@demoville.fr',
  name: 'Claire Directory',
  groups: ['GRP-Voirie', 'GRP-Other'],
};

const code = (secret: string, at = Date.now()) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at });

describe('agents: OpenID Connect and TOTP', () => {
  let parvis: RunningParvis;
  let directory: RunningProvider;
  let rogue: RunningProvider;
  const admin = () => new BrowserSession(parvis.url);
  let signedInAdmin: BrowserSession;
  let adminSecret = '';

  beforeAll(async () => {
    parvis = await startParvis({ administratorsNeedTotp: true });
    const callback = `${parvis.url}/auth/demo/agents/callback`;
    directory = await startOpenIdProvider({ redirectUris: [callback] });
    rogue = await startOpenIdProvider({ redirectUris: [callback] });
    await upsertAgent(parvis.sql, { ...ADMIN, municipalityId: 'demo', roles: ['administrator'], groups: [] });
  });
  afterAll(async () => {
    await directory?.stop();
    await rogue?.stop();
    await parvis?.stop();
  });

  it('leads an administrator without TOTP to enrol, refuses a wrong code, then signs them in', async () => {
    // given an administrator with a password and no second factor
    const browser = admin();
    const signIn = `mutation ($code: String) { signIn(municipality: "demo", email: "${ADMIN.email}", password: "${ADMIN.password}", code: $code) { email secondFactor } }`;
    // when they sign in with their password
    const refused = await browser.graphql(signIn);
    // then they are refused, and led to set TOTP up
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', secondFactor: 'enrol' });
    expect(refused.errors?.[0]?.message).toContain('Les administrateurs se connectent avec un second facteur');
    const challenge = String(refused.errors?.[0]?.extensions?.challenge);
    const begun = await browser.graphql<{ beginTotpEnrolment: { secret: string; uri: string; qrCode: string } }>(
      'mutation ($c: String) { beginTotpEnrolment(municipality: "demo", challenge: $c) { secret uri qrCode } }',
      { c: challenge },
    );
    const { secret, uri, qrCode } = begun.data!.beginTotpEnrolment;
    expect(uri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    expect(uri).toContain(encodeURIComponent(ADMIN.email));
    expect(qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    // when they confirm with a wrong code
    const confirm =
      'mutation ($c: String!, $k: String!) { confirmTotpEnrolment(municipality: "demo", challenge: $c, code: $k) { email } }';
    const wrong = await browser.graphql(confirm, { c: challenge, k: code(secret, Date.now() - 10 * 60_000) });
    // then the code is refused, with why
    expect(wrong.errors?.[0]?.message).toContain('Code de vérification incorrect');
    expect((await browser.graphql<{ me: unknown }>('{ me { email } }')).data?.me).toBeNull();
    // when they confirm with the app's code
    const right = await browser.graphql<{ confirmTotpEnrolment: { email: string } }>(confirm, {
      c: challenge,
      k: code(secret),
    });
    // then they are signed in, with TOTP on
    expect(right.data?.confirmTotpEnrolment.email).toBe(ADMIN.email);
    expect(
      (await browser.graphql<{ me: { secondFactor: boolean } }>('{ me { secondFactor } }')).data?.me.secondFactor,
    ).toBe(true);
    adminSecret = secret;
    signedInAdmin = browser;
    // and the next sign-in asks for the code, refuses a wrong one and takes the right one of the next step
    const other = admin();
    expect((await other.graphql(signIn)).errors?.[0]?.extensions?.secondFactor).toBe('code');
    const bad = await other.graphql(signIn, { code: '000000' === code(secret) ? '111111' : '000000' });
    expect(bad.errors?.[0]?.message).toContain('Code de vérification incorrect');
    const good = await other.graphql<{ signIn: { email: string } }>(signIn, {
      code: code(adminSecret, Date.now() + 30_000),
    });
    expect(good.data?.signIn.email).toBe(ADMIN.email);
  });

  it('lets the administrator set the directory up, refusing a group the town does not have', async () => {
    const save = `mutation ($p: SignInProviderInput!) { saveSignInProvider(provider: $p) { issuer redirectPath groupMapping { value groups } } }`;
    const provider = {
      audience: 'agents',
      label: 'Annuaire de la mairie',
      issuer: directory.issuer,
      clientId: directory.clientId,
      clientSecret: directory.clientSecret,
      scopes: 'openid email profile groups',
      groupsClaim: 'groups',
      groupMapping: [{ value: 'GRP-Voirie', groups: ['voirie', 'chantiers-inconnus'] }],
    };
    // when the mapping names a group the town does not have
    const unknown = await signedInAdmin.graphql(save, { p: provider });
    // then nothing is saved, and the group is named
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'groupMapping' });
    expect(unknown.errors?.[0]?.message).toContain('chantiers-inconnus');
    expect(await parvis.sql`select 1 from sign_in_providers`).toHaveLength(0);
    // when it names the town's groups
    const saved = await signedInAdmin.graphql<{ saveSignInProvider: { redirectPath: string } }>(save, {
      p: { ...provider, groupMapping: [{ value: 'GRP-Voirie', groups: ['voirie'] }] },
    });
    expect(saved.errors).toBeUndefined();
    expect(saved.data?.saveSignInProvider.redirectPath).toBe('/auth/demo/agents/callback');
    // then the agents' sign-in page offers it
    const options = await admin().graphql<{ signInOptions: { label: string; startUrl: string }[] }>(
      '{ signInOptions(municipality: "demo", audience: "agents") { label startUrl } }',
    );
    expect(options.data?.signInOptions).toEqual([
      { label: 'Annuaire de la mairie', startUrl: '/auth/demo/agents/start' },
    ]);
  });

  it('signs an agent in through the directory, in the groups its claims map to; its callback serves once', async () => {
    // given an agent the directory knows, in two of its groups
    directory.signInAs(CLAIRE);
    const browser = new BrowserSession(parvis.url);
    // when they sign in through it (authorization code flow with PKCE)
    const start = await browser.get('/auth/demo/agents/start');
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin + authorize.pathname).toBe(`${directory.issuer}/auth`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    const { url: callback } = await browser.follow(authorize.href, (u) => u.pathname.endsWith('/callback'));
    const landed = await browser.get(callback.href);
    // then they land in the back office, signed in, in the group the mapping gives
    expect(landed.status).toBe(302);
    expect(landed.headers.get('location')).toBe('/agent');
    const me = await browser.graphql<{ me: { email: string; displayName: string; groups: string[]; roles: string[] } }>(
      '{ me { email displayName groups roles } }',
    );
    expect(me.data?.me).toEqual({
      email: CLAIRE.email,
      displayName: CLAIRE.name,
      groups: ['voirie'],
      roles: ['agent'],
    });
    // when the same callback comes again
    const replayed = await browser.get(callback.href);
    // then it is refused: its state was spent
    expect(replayed.status).toBe(400);
    expect(await replayed.text()).toContain('inconnue ou a déjà servi');
  });

  it('refuses an ID token whose nonce is not the one this sign-in sent', async () => {
    directory.signInAs(CLAIRE);
    const browser = new BrowserSession(parvis.url);
    const authorize = new URL((await browser.get('/auth/demo/agents/start')).headers.get('location')!);
    // the request to the provider altered on its way: another nonce
    authorize.searchParams.set('nonce', 'a-nonce-parvis-never-sent');
    const { url: callback } = await browser.follow(authorize.href, (u) => u.pathname.endsWith('/callback'));
    const answer = await browser.get(callback.href);
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('ne correspond pas à cette connexion (nonce)');
    expect((await browser.graphql<{ me: unknown }>('{ me { email } }')).data?.me).toBeNull();
  });

  it("refuses a response from another issuer than the town's", async () => {
    // given a sign-in begun towards the town's directory
    rogue.signInAs({ ...CLAIRE, sub: 'mallory', email: 'mallory@rogue.example', groups: ['GRP-Voirie'] });
    const browser = new BrowserSession(parvis.url);
    const toDirectory = new URL((await browser.get('/auth/demo/agents/start')).headers.get('location')!);
    // when its state comes back with a code another provider issued
    const toRogue = new URL(`${rogue.issuer}/auth${toDirectory.search}`);
    toRogue.searchParams.set('client_id', rogue.clientId);
    const { url: callback } = await browser.follow(toRogue.href, (u) => u.pathname.endsWith('/callback'));
    expect(callback.searchParams.get('iss')).toBe(rogue.issuer);
    const answer = await browser.get(callback.href);
    // then the sign-in is refused, saying why, and nobody is signed in or created
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('vient d&#39;un autre fournisseur d&#39;identité que celui de la commune');
    expect((await browser.graphql<{ me: unknown }>('{ me { email } }')).data?.me).toBeNull();
    expect(await parvis.sql`select 1 from agents where email = 'mallory@rogue.example'`).toHaveLength(0);
  });

  it("shows the administrator the town's sign-ins, refused ones with their reason, as a page and a CSV", async () => {
    const log = await signedInAdmin.graphql<{
      auditLog: {
        entries: { action: string; actorName: string; ip: string; details: { reason?: string; method?: string } }[];
      };
    }>('{ auditLog(filter: { kinds: ["sign-in"] }, first: 50) { entries { action actorName ip details } } }');
    const entries = log.data!.auditLog.entries;
    const reasons = entries.filter((e) => e.action === 'sign-in.failed').map((e) => e.details.reason);
    expect(reasons).toEqual(expect.arrayContaining(['issuer', 'nonce', 'state', 'wrong TOTP code']));
    expect(entries).toContainEqual(
      expect.objectContaining({
        action: 'sign-in.succeeded',
        actorName: CLAIRE.name,
        ip: '127.0.0.1',
        details: { method: 'oidc' },
      }),
    );
    // the page is cut and resumed
    const first = await signedInAdmin.graphql<{ auditLog: { entries: { id: string }[]; endCursor: string } }>(
      '{ auditLog(first: 2) { entries { id } endCursor } }',
    );
    const next = await signedInAdmin.graphql<{ auditLog: { entries: { id: string }[] } }>(
      `{ auditLog(first: 2, after: "${first.data!.auditLog.endCursor}") { entries { id } } }`,
    );
    expect(Number(next.data!.auditLog.entries[0]!.id)).toBeLessThan(Number(first.data!.auditLog.entries[1]!.id));
    // a wrong kind is refused, naming the field
    const wrongKind = await signedInAdmin.graphql('{ auditLog(filter: { kinds: ["pizza"] }) { endCursor } }');
    expect(wrongKind.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'kinds' });
    // the CSV carries the same entries
    const csv = await signedInAdmin.get('/exports/audit.csv?kinds=sign-in');
    expect(csv.status).toBe(200);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a byte order mark: spreadsheets read accents right
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('date,kind,action,actor,actor_agent_id,actor_citizen_id,target,ip,details');
    expect(text).toContain('sign-in.failed');
    expect(text).toContain(CLAIRE.name);
    // and an agent who is not an administrator sees neither
    const claire = new BrowserSession(parvis.url);
    directory.signInAs(CLAIRE);
    await claire.follow('/auth/demo/agents/start');
    expect((await claire.graphql('{ auditLog { endCursor } }')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await claire.get('/exports/audit.csv')).status).toBe(403);
  });

  it('keeps the audit log append-only, even for the database owner', async () => {
    await expect(parvis.sql`update audit_log set actor_name = 'someone else'`).rejects.toThrow(/append-only/);
    await expect(parvis.sql`delete from audit_log`).rejects.toThrow(/append-only/);
    await expect(
      parvis.sql.begin(async (tx) => {
        await tx`set local role parvis_api`;
        await tx`select set_config('parvis.municipality', 'demo', true)`;
        await tx`delete from audit_log`;
      }),
    ).rejects.toThrow(/permission denied/);
  });
});

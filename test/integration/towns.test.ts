import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { deployProcedure, upsertAgent } from '@parvis/graphql';
import { loadShippedProcedures } from '@parvis/processes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, GraphqlClient } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';
import { pdfQrCode, pdfText } from '../support/pdf.ts';
import { REPO_ROOT } from '../support/processes.ts';

// Issue 15, points 1–2: a second town created with `npx parvis town create`, served on its own
// host name with its name and colours, its first administrator invited by e-mail, its requests
// sealed from the demo town; bad input refused with nothing half-created; a disabled town.

const PORTAL_PAGE = `<!doctype html><html lang="fr"><head><title>Parvis — votre mairie en ligne</title>
<script type="module" nonce="PARVIS_CSP_NONCE" src="/assets/index.js"></script></head><body><div id="app"></div></body></html>`;

/** What `npx parvis` runs (npx itself takes seconds to find it on a busy machine). */
const PARVIS_BIN = join(REPO_ROOT, 'node_modules/.bin/parvis');

let parvis: RunningParvis;
let port: string;

/** `npx parvis …` against the test's database, SMTP sink and portal address. */
async function parvisCommand(...args: string[]) {
  const o = parvis.sql.options;
  const env = {
    ...process.env,
    DATABASE_URL: `postgres://${o.user}${o.pass ? `:${o.pass}` : ''}@${o.host[0]}:${o.port[0]}/${o.database}`,
    SMTP_URL: parvis.smtp.url,
    PUBLIC_URL: parvis.url,
  };
  try {
    const { stdout, stderr } = await promisify(execFile)(PARVIS_BIN, args, { env });
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { exitCode: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** `parvis platform-admin create`, its password typed on standard input. */
function platformAdminCommand(password: string, ...args: string[]) {
  const o = parvis.sql.options;
  const env = {
    ...process.env,
    DATABASE_URL: `postgres://${o.user}${o.pass ? `:${o.pass}` : ''}@${o.host[0]}:${o.port[0]}/${o.database}`,
  };
  return new Promise<{ exitCode: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(PARVIS_BIN, ['platform-admin', ...args], { env }, (error, stdout, stderr) =>
      resolve({ exitCode: error ? Number((error as { code?: number }).code) : 0, stdout, stderr }),
    );
    child.stdin?.end(`${password}\n`);
  });
}

/** GET a page as a browser on `host` would ask it: to 127.0.0.1, with that Host header. */
async function pageOn(host: string, path = '/') {
  const { request } = await import('node:http');
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: Number(port), path, headers: { host: `${host}:${port}` } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The town the portal's page carries (its parvis-town meta tag). */
function townIn(html: string) {
  const content = /<meta name="parvis-town" content="([^"]*)"/.exec(html)?.[1] ?? '';
  return JSON.parse(content.replaceAll('&quot;', '"').replaceAll('&amp;', '&')) as {
    id: string | null;
    name: string;
    disabled: boolean;
    base: string;
  };
}

beforeAll(async () => {
  const portalDir = mkdtempSync(join(tmpdir(), 'parvis-portal-'));
  writeFileSync(join(portalDir, 'index.html'), PORTAL_PAGE);
  parvis = await startParvis({ portalDir });
  port = new URL(parvis.url).port;
}, 120_000);

afterAll(async () => {
  await parvis?.stop();
});

describe('npx parvis town', () => {
  it('creates a town: its hosts, time zone and region, and mails its first administrator a one-time sign-in link', async () => {
    // when
    const created = await parvisCommand(
      'town',
      'create',
      '--slug',
      'ville2',
      '--name',
      'Mairie de Villedeux',
      '--host',
      'ville2.localhost',
      '--host',
      'demarches.villedeux.fr',
      '--time-zone',
      'America/Cayenne',
      '--region',
      'guyane',
      '--contact-email',
      'mairie@villedeux.fr',
      '--admin-email',
      'Admin@Villedeux.fr',
      '--admin-name',
      'Alix Admin',
    );

    // then
    expect(created.stderr).toBe('');
    expect(created.exitCode).toBe(0);
    expect(created.stdout).toContain(
      'ville2 (Mairie de Villedeux), ville2.localhost, demarches.villedeux.fr, America/Cayenne, guyane',
    );
    const mail = await eventually(async () => parvis.smtp.messages().find((m) => m.to.includes('admin@villedeux.fr')));
    expect(mail.subject).toContain('Mairie de Villedeux');
    expect(mail.fromName).toBe('Mairie de Villedeux');
    const link = /http:\/\/ville2\.localhost:\d+\/agent\/invitation\?commune=ville2&jeton=([\w-]+)/.exec(mail.text);
    expect(link, mail.text).not.toBeNull();
    const listed = await parvisCommand('town', 'list', '--json');
    expect(JSON.parse(listed.stdout)).toContainEqual(
      expect.objectContaining({
        id: 'ville2',
        hosts: ['ville2.localhost', 'demarches.villedeux.fr'],
        timeZone: 'America/Cayenne',
        holidayRegion: 'guyane',
        disabled: false,
      }),
    );
    const [calendar] = await parvis.sql<{ calendar: { holidayRegion: string; timeZone: string } }[]>`
      select parvis_business_calendar('ville2') as calendar`;
    expect(calendar!.calendar).toMatchObject({ holidayRegion: 'guyane', timeZone: 'America/Cayenne' });

    // and the invited administrator chooses a password once, then signs in as an administrator
    const token = link![1]!;
    const invited = new GraphqlClient(`${parvis.url}/graphql`);
    const accept = `mutation ($t: String!, $p: String!) { acceptInvitation(municipality: "ville2", token: $t, password: $p) { email } }`;
    expect(await invited.data(accept, { t: token, p: 'un mot de passe long' })).toEqual({
      acceptInvitation: { email: 'admin@villedeux.fr' },
    });
    const again = await invited.request(accept, { t: token, p: 'un autre mot de passe' });
    expect(again.errors?.[0]).toMatchObject({ extensions: { code: 'LINK_INVALID', reason: 'used' } });
    const signedIn = await invited.data<{ signIn: { roles: string[] } }>(
      `mutation { signIn(municipality: "ville2", email: "admin@villedeux.fr", password: "un mot de passe long") { roles } }`,
    );
    expect(signedIn.signIn.roles).toEqual(['administrator']);
  });

  it('refuses a taken slug, a host name another town claims, a bad time zone and an unknown region, creating nothing', async () => {
    // when
    const takenSlug = await parvisCommand(
      'town',
      'create',
      '--slug',
      'ville2',
      '--name',
      'Autre',
      '--admin-email',
      'a@b.fr',
    );
    const takenHost = await parvisCommand(
      'town',
      'create',
      '--slug',
      'ville3',
      '--name',
      'Ville Trois',
      '--host',
      'ville3.localhost',
      '--host',
      'VILLE2.localhost',
      '--admin-email',
      'a@ville3.fr',
    );
    const badInput = await parvisCommand(
      'town',
      'create',
      '--slug',
      'ville4',
      '--name',
      'Ville Quatre',
      '--time-zone',
      'Europe/Lutece',
      '--region',
      'corse',
      '--admin-email',
      'a@ville4.fr',
    );

    // then
    expect(takenSlug.exitCode).toBe(1);
    expect(takenSlug.stderr).toContain("--slug: L'identifiant « ville2 » est déjà pris");
    expect(takenHost.exitCode).toBe(1);
    expect(takenHost.stderr).toContain(
      "--host: Le nom d'hôte « ville2.localhost » appartient déjà à la commune « ville2 »",
    );
    expect(badInput.exitCode).toBe(1);
    expect(badInput.stderr).toContain('--time-zone: Fuseau horaire inconnu : « Europe/Lutece »');
    expect(badInput.stderr).toContain('--region: Région de jours fériés inconnue : « corse »');
    for (const output of [takenSlug, takenHost, badInput]) expect(output.stderr).not.toMatch(/^\s+at /m);
    const towns = await parvis.sql`select id from municipalities where id in ('ville3', 'ville4')`;
    const hosts = await parvis.sql`select host from municipality_hosts where host = 'ville3.localhost'`;
    expect(towns).toHaveLength(0);
    expect(hosts).toHaveLength(0);
  });

  it('makes the first platform administrator, who signs in; a short password is refused', async () => {
    // when
    const short = await platformAdminCommand('court', 'create', '--email', 'ops@parvis.test', '--name', 'Ops');
    const made = await platformAdminCommand(
      'un mot de passe de plateforme',
      'create',
      '--email',
      'Ops@Parvis.test',
      '--name',
      'Ops',
    );

    // then
    expect(short.exitCode).toBe(2);
    expect(short.stderr).toContain('Mot de passe trop court');
    expect(made.exitCode).toBe(0);
    expect(made.stdout).toContain('platform administrator created: ops@parvis.test');
    const platform = new GraphqlClient(`${parvis.url}/graphql`);
    const refused = await platform.request('{ platformTowns { id } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await platform.data(
      `mutation { platformSignIn(email: "ops@parvis.test", password: "un mot de passe de plateforme") { displayName } }`,
    );
    const { platformTowns } = await platform.data<{ platformTowns: { id: string; disabled: boolean }[] }>(
      '{ platformTowns { id disabled } }',
    );
    expect(platformTowns).toEqual([
      { id: 'demo', disabled: false },
      { id: 'ville2', disabled: false },
    ]);
    // a town's agent is no platform administrator
    const demoManager = new GraphqlClient(`${parvis.url}/graphql`);
    await demoManager.data(
      `mutation { signIn(municipality: "demo", email: "manager@demoville.fr", password: "demo-manager") { id } }`,
    );
    const notPlatform = await demoManager.request(
      'mutation { setTownDisabled(slug: "ville2", disabled: true) { id } }',
    );
    expect(notPlatform.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('--help describes the three subcommands; a bad option is told with the usage, exit 2', async () => {
    const help = await parvisCommand('town', '--help');
    const bad = await parvisCommand('town', 'create', '--slg', 'x');
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/parvis town create[\s\S]*parvis town list[\s\S]*parvis town disable/);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain("Unknown option '--slg'");
  });
});

describe("a town's portal on its own host name", () => {
  it('serves its name and colours there, the demo town elsewhere, and its prefix /t/<slug>/ on a shared host', async () => {
    // given: its administrator brands it
    const admin = new GraphqlClient(`${parvis.url}/graphql`);
    await admin.data(
      `mutation { signIn(municipality: "ville2", email: "admin@villedeux.fr", password: "un mot de passe long") { id } }`,
    );
    await admin.data(
      `mutation ($b: TownBrandingInput!) { updateTownBranding(municipality: "ville2", branding: $b) { primaryColor } }`,
      {
        b: {
          name: 'Mairie de Villedeux',
          primaryColor: '#7a1f3d',
          onPrimaryColor: '#ffffff',
          contactEmail: 'mairie@villedeux.fr',
          contactPhone: '05 94 00 00 00',
          contactAddress: '1 place de la Mairie\n97300 Villedeux',
          legalNotice: 'Éditeur : commune de Villedeux.',
        },
      },
    );
    // and the change is in the town's audit log, with who made it and what changed
    const { auditLog } = await admin.data<{
      auditLog: { entries: { action: string; actorName: string; details: Record<string, unknown> }[] };
    }>('{ auditLog(filter: { kinds: ["settings"] }) { entries { action actorName details } } }');
    const branded = auditLog.entries.find((e) => e.action === 'settings.branding');
    expect(branded?.actorName).toBe('Alix Admin');
    expect(branded?.details).toMatchObject({
      primaryColor: { before: null, after: '#7a1f3d' },
      contactPhone: { before: null, after: '05 94 00 00 00' },
      legalNotice: 'modifié / changed',
    });

    // when
    const own = await pageOn('ville2.localhost', '/suivi');
    const notInstalled = await pageOn('ville2.localhost', '/demarches/contact');
    const other = await pageOn('demarches.villedeux.fr');
    const demo = await pageOn('127.0.0.1');
    const prefixed = await pageOn('parvis.localhost', '/t/ville2/suivi');
    const unknown = await pageOn('nowhere.localhost', '/t/nowhere/');

    // then
    expect(own.status).toBe(200);
    expect(townIn(own.body)).toEqual({
      id: 'ville2',
      name: 'Mairie de Villedeux',
      disabled: false,
      logoUrl: null,
      // its hours (appointments) read on its own clock
      timeZone: 'America/Cayenne',
      base: '',
    });
    expect(own.body).toContain('<title>Mairie de Villedeux</title>');
    // a new town has installed no procedure yet: the contact form's address is a real 404, in its colours
    expect(notInstalled.status).toBe(404);
    expect(notInstalled.body).toContain('<title>Page introuvable — Mairie de Villedeux</title>');
    expect(own.body).toMatch(
      /<style nonce="[^"]+">:root\{--parvis-color-primary:#7a1f3d;[^<]*--parvis-color-on-primary:#ffffff\}<\/style>/,
    );
    expect(townIn(other.body).id).toBe('ville2');
    expect(townIn(demo.body)).toMatchObject({ id: 'demo', name: 'Mairie de Démoville' });
    expect(demo.body).not.toContain('--parvis-color-primary');
    expect(townIn(prefixed.body)).toMatchObject({ id: 'ville2', base: '/t/ville2' });
    expect(townIn(unknown.body).id).toBeNull();
  });

  it('refuses colours under 4.5:1 contrast, saying which and how much, and keeps the stored ones', async () => {
    // given
    const admin = new GraphqlClient(`${parvis.url}/graphql`);
    await admin.data(
      `mutation { signIn(municipality: "ville2", email: "admin@villedeux.fr", password: "un mot de passe long") { id } }`,
    );

    // when
    const refused = await admin.request(
      `mutation ($b: TownBrandingInput!) { updateTownBranding(municipality: "ville2", branding: $b) { primaryColor } }`,
      {
        b: {
          name: 'Mairie de Villedeux',
          primaryColor: '#ffd700',
          onPrimaryColor: '#ffffff',
          contactEmail: 'mairie@villedeux.fr',
        },
      },
    );

    // then
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'onPrimaryColor' });
    expect(refused.errors?.[0]?.message).toContain('1.40:1, il faut au moins 4,5:1');
    const [town] = await parvis.sql`select primary_color from municipalities where id = 'ville2'`;
    expect(town!.primary_color).toBe('#7a1f3d');
    // a demo agent who is no administrator of ville2 cannot brand it
    const demoManager = new GraphqlClient(`${parvis.url}/graphql`);
    await demoManager.data(
      `mutation { signIn(municipality: "demo", email: "manager@demoville.fr", password: "demo-manager") { id } }`,
    );
    const forbidden = await demoManager.request(
      `mutation ($b: TownBrandingInput!) { updateTownBranding(municipality: "ville2", branding: $b) { name } }`,
      { b: { name: 'Pirate', contactEmail: 'x@y.fr' } },
    );
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a request filed there is invisible to the demo town; disabled, the town refuses new ones and keeps the old', async () => {
    // given: the contact procedure in ville2, and its agent
    const contact = (await loadShippedProcedures()).find((p) => p.key === 'contact')!;
    await deployProcedure(parvis.sql, 'ville2', contact, 'test');
    await upsertAgent(parvis.sql, {
      municipalityId: 'ville2',
      email: 'accueil@villedeux.fr',
      displayName: 'Accueil Villedeux',
      password: 'accueil-villedeux',
      roles: ['agent', 'manager'],
      groups: ['accueil'],
    });
    const citizen = new GraphqlClient(`${parvis.url}/graphql`);
    const submit = `mutation ($data: JSON!) { submitRequest(municipality: "ville2", procedure: "contact", data: $data) { trackingCode } }`;
    const data = { subject: 'Horaires', message: 'À quelle heure ouvre la mairie ?', email: 'habitant@example.fr' };

    // when
    const { submitRequest } = await citizen.data<{ submitRequest: { trackingCode: string } }>(submit, { data });

    // then: ville2's manager sees it, the demo town's does not
    const list = `{ requests(first: 50) { nodes { trackingCode } } }`;
    const ville2 = new GraphqlClient(`${parvis.url}/graphql`);
    await ville2.data(
      `mutation { signIn(municipality: "ville2", email: "accueil@villedeux.fr", password: "accueil-villedeux") { id } }`,
    );
    const demo = new GraphqlClient(`${parvis.url}/graphql`);
    await demo.data(
      `mutation { signIn(municipality: "demo", email: "manager@demoville.fr", password: "demo-manager") { id } }`,
    );
    const codes = async (agent: GraphqlClient) =>
      (await agent.data<{ requests: { nodes: { trackingCode: string }[] } }>(list)).requests.nodes.map(
        (n) => n.trackingCode,
      );
    expect(await codes(ville2)).toContain(submitRequest.trackingCode);
    expect(await codes(demo)).not.toContain(submitRequest.trackingCode);
    // and its acknowledgement's letterhead is the town's: name, e-mail, phone, address
    const signIn = await fetch(`${parvis.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation { signIn(municipality: "ville2", email: "accueil@villedeux.fr", password: "accueil-villedeux") { id } }`,
      }),
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const pdf = await eventually(async () => {
      const answer = await fetch(`${parvis.url}/documents/${submitRequest.trackingCode}/accuse-de-reception.pdf`, {
        headers: { cookie },
      });
      return answer.status === 200 ? new Uint8Array(await answer.arrayBuffer()) : undefined;
    });
    const qrCode = await pdfQrCode(pdf); // before pdfText, which hands the bytes away
    const letterhead = await pdfText(pdf);
    expect(letterhead).toContain('Mairie de Villedeux');
    expect(letterhead).toContain('mairie@villedeux.fr · 05 94 00 00 00');
    expect(letterhead).toContain('97300 Villedeux');
    // and its tracking link (the QR code's too) is on the town's own portal (its first host name), not PUBLIC_URL's
    expect(letterhead.replace(/\s+/g, '')).toMatch(
      new RegExp(`http://ville2\\.localhost(:\\d+)?/suivi/${submitRequest.trackingCode}`),
    );
    expect(qrCode).toMatch(new RegExp(`^http://ville2\\.localhost(:\\d+)?/suivi/${submitRequest.trackingCode}$`));

    // when: the platform disables it
    const disabled = await parvisCommand('town', 'disable', 'ville2');
    const refused = await citizen.request(submit, { data });

    // then
    expect(disabled.exitCode).toBe(0);
    expect(refused.errors?.[0]).toMatchObject({
      message: expect.stringContaining("Cette commune n'accepte plus de demandes sur Parvis"),
      extensions: { code: 'TOWN_DISABLED' },
    });
    expect(await codes(ville2)).toContain(submitRequest.trackingCode);
    await eventually(async () => (townIn((await pageOn('ville2.localhost')).body).disabled ? true : undefined), 40_000);
  });
});

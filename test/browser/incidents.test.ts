import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployProcedure } from '@parvis/graphql';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, PORTAL_DIST, portalInChromium } from '../support/browser.ts';
import { eventually } from '../support/graphql-client.ts';
import type { RunningParvis } from '../support/parvis.ts';

// Issue 21, points 1 and 2 in Chromium: the town's incidents retried in bulk, a request on its
// diagram resolved with a new value, the same diagram for an analyst with its data masked.
const SUBMIT = `mutation ($data: JSON!) { submitRequest(municipality: "demo", procedure: "registry-check", data: $data) { trackingCode } }`;

describe('incidents and a request on its diagram, in Chromium', () => {
  let parvis: RunningParvis;
  let browser: Browser;
  let registry: Server;
  let registryDown = true;
  // A copy of the built portal: a build another run starts meanwhile would replace the files served.
  const portal = mkdtempSync(join(tmpdir(), 'parvis-portal-'));
  cpSync(PORTAL_DIST, portal, { recursive: true });
  portalInChromium((started) => ({ parvis, browser } = started), portal);

  beforeAll(async () => {
    // a stand-in registry: 503 while down; once up, it knows parcels starting with AB only (404 else)
    registry = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        const { parcel } = JSON.parse(body) as { parcel: string };
        if (registryDown || !parcel.startsWith('AB')) {
          res.statusCode = registryDown ? 503 : 404;
          res.end();
          return;
        }
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ owner: 'Commune de Démoville' }));
      });
    });
    await new Promise<void>((done) => registry.listen(0, '127.0.0.1', done));
    const address = registry.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/parcels`;
    const bpmn = (await readFile(join(import.meta.dirname, '../fixtures/incidents-procedure.bpmn'), 'utf8')).replace(
      'REGISTRY_URL',
      url,
    );
    await deployProcedure(
      parvis.sql,
      'demo',
      { key: 'registry-check', title: { fr: 'Vérification au registre', en: 'Registry check' }, bpmn, forms: {} },
      'test',
    );
  });
  afterAll(() => {
    registry?.close();
    rmSync(portal, { recursive: true, force: true });
  });

  const submit = async (parcel: string) =>
    (
      await parvis
        .client()
        .data<{ submitRequest: { trackingCode: string } }>(SUBMIT, { data: { parcel, email: 'nadia@example.fr' } })
    ).submitRequest.trackingCode;
  const openIncident = (code: string) =>
    eventually(async () => {
      const [row] =
        await parvis.sql`select i.incident_id from request_incidents i join requests r on r.id = i.request_id
        where r.tracking_code = ${code} and i.resolved_at is null`;
      return row;
    }, 60_000);

  async function signedIn(email: string, password: string, path: string, width: number): Promise<Page> {
    const page = await (await browser.newContext({ locale: 'fr-FR', viewport: { width, height: 900 } })).newPage();
    page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
    await page.goto(`${parvis.url}${path}`);
    await page.waitForURL(/\/agent\/connexion/);
    await page.getByLabel('Adresse e-mail professionnelle').fill(email);
    await page.getByLabel('Mot de passe').fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${parvis.url}${path}`);
    return page;
  }

  it('a manager retries a selection, then resolves one with a new value on its diagram; an analyst sees masks', {
    timeout: 300_000,
  }, async () => {
    // given two requests stopped on the registry, one for an unknown parcel
    const unknown = await submit('ZZ-404');
    const known = await submit('AB-12');
    await Promise.all([openIncident(unknown), openIncident(known)]);

    // when the manager opens the town's incidents
    const manager = await signedIn('manager@demoville.fr', 'demo-manager', '/responsable/incidents', 1280);
    await manager.getByRole('heading', { name: 'Incidents des demandes' }).waitFor();
    const rowOf = (code: string) =>
      manager.getByRole('row').filter({ has: manager.getByRole('rowheader', { name: code }) });
    await rowOf(unknown).waitFor();
    await rowOf(known).waitFor();
    expect(await rowOf(known).textContent()).toContain('Vérification au registre');
    expect(await rowOf(known).textContent()).toContain('AskRegistry');
    expect(await rowOf(known).textContent()).toContain('HTTP 503');
    // the selection's form takes new values too; one that is no JSON object is refused beside its field
    await manager.getByLabel('Nouvelles valeurs (JSON, facultatif)').fill('AB-12');
    await manager.getByRole('button', { name: 'Résoudre avec ces valeurs' }).click();
    await manager.getByText('Les nouvelles valeurs doivent être un objet JSON').waitFor();
    await manager.getByLabel('Nouvelles valeurs (JSON, facultatif)').fill('');
    await checkPage(manager, 'incidents-01-list-1280');

    // and, the registry back, retries both at once
    registryDown = false;
    await manager.getByRole('checkbox', { name: 'Choisir tous les incidents ouverts affichés' }).check();
    await manager.getByRole('button', { name: 'Relancer la sélection' }).click();
    await manager.getByText('2 incident(s) traité(s), 0 refusé(s).').waitFor();
    // then the known parcel went on; the unknown one stopped again, on a new incident (HTTP 404)
    await expect.poll(() => rowOf(known).count(), { timeout: 30_000 }).toBe(0);
    await expect
      .poll(
        async () => {
          await manager.getByRole('button', { name: 'Filtrer', exact: true }).click();
          return (await rowOf(unknown).count()) === 1 ? rowOf(unknown).textContent() : '';
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toContain('HTTP 404');

    // when they open that request on its diagram
    await rowOf(unknown)
      .getByRole('link', { name: `Voir la demande ${unknown} sur son schéma` })
      .click();
    await manager.getByRole('heading', { name: `Demande ${unknown} sur son schéma` }).waitFor();
    const shape = (id: string) => manager.locator(`.djs-element[data-element-id="${id}"]`);
    await shape('AskRegistry').waitFor();
    // then the failed step is marked as an incident, named in words with its error, and the data shows
    await expect.poll(() => shape('AskRegistry').getAttribute('class')).toContain('diagram--incident');
    await manager.getByText(/Interroger le registre : JOB_FAILED/).waitFor();
    const variables = manager.getByRole('table').filter({ hasText: 'Valeur' });
    expect(await variables.getByRole('row', { name: /parcel/ }).textContent()).toContain('ZZ-404');
    await checkPage(manager, 'incidents-02-diagram-incident-1280');

    // when they resolve it with the right parcel
    await manager.getByLabel('Nouvelles valeurs (JSON, facultatif)').fill('{"parcel": "AB-404"}');
    await manager.getByRole('button', { name: 'Résoudre avec ces valeurs' }).click();
    await manager.getByText('L’étape a été relancée : la demande a repris son cours.').waitFor();
    // then the request waits on its review, its reminder dated on the diagram and in words
    await expect
      .poll(
        async () => {
          await manager.reload();
          await shape('Review').waitFor();
          return shape('Review').getAttribute('class');
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toContain('diagram--active');
    await expect.poll(() => shape('Reminder').getAttribute('class')).toContain('diagram--timer');
    await manager.getByText(/Relance à 30 jours : le /).waitFor();
    expect(await manager.getByRole('table').filter({ hasText: 'Arrivée' }).textContent()).toMatch(
      /Incident.*résolu.*Examiner la parcelle.*Tâche.*en cours/s,
    );
    await checkPage(manager, 'incidents-03-diagram-resolved-1280');
    // the timeline keeps the resolution, naming the variable set
    const [resolution] = await parvis.sql<{ payload: { fields?: string[] } }[]>`select e.payload from timeline_events e
      join requests r on r.id = e.request_id where r.tracking_code = ${unknown} and e.kind = 'incidentResolved'
      order by e.position desc limit 1`;
    expect(resolution?.payload.fields).toEqual(['parcel']);

    // at 375 px: the list and the diagram still read
    // (reached from the request's page, as an agent reaches it for their own requests)
    const narrow = await signedIn('manager@demoville.fr', 'demo-manager', `/agent/demandes/${unknown}`, 375);
    await narrow.getByRole('link', { name: 'Voir la demande sur son schéma' }).click();
    await narrow.locator('.djs-element[data-element-id="Review"]').waitFor();
    await checkPage(narrow, 'incidents-04-diagram-375');
    await narrow.getByRole('link', { name: 'Retour aux incidents' }).click();
    await narrow.getByRole('heading', { name: 'Incidents des demandes' }).waitFor();
    await checkPage(narrow, 'incidents-05-list-375');

    // an analyst sees the same request on its diagram, its values masked and why, and no form to set them
    const analyst = await signedIn(
      'analyste@demoville.fr',
      'demo-analyste',
      `/responsable/demandes/${unknown}/schema`,
      1280,
    );
    await analyst.locator('.djs-element[data-element-id="Review"]').waitFor();
    await analyst.getByText(/Valeurs masquées : ce sont des données personnelles/).waitFor();
    const masked = analyst.getByRole('table').filter({ hasText: 'Valeur' });
    expect(await masked.getByRole('row', { name: /parcel/ }).textContent()).toContain('masquée');
    expect(await analyst.content()).not.toContain('ZZ-404');
    expect(await analyst.content()).not.toContain('nadia@example.fr');
    await checkPage(analyst, 'incidents-06-diagram-analyst-1280');
  });
});

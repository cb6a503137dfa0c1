import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkPage, portalInChromium, signInAgent, standInTileServer } from '../support/browser.ts';
import { fileContactRequest } from '../support/contact-requests.ts';
import type { RunningParvis } from '../support/parvis.ts';

describe('the managers’ dashboard in Chromium: it counts what an agent completed, live', () => {
  let parvis: RunningParvis;
  let browser: Browser;

  portalInChromium((started) => ({ parvis, browser } = started));

  const signIn = (page: Page, email: string, password: string) => signInAgent(page, parvis.url, email, password);

  const kpi = (page: Page, name: string) => page.locator(`[data-kpi="${name}"] .kpis__value`).textContent();

  it('an agent finds, claims and completes a request; the manager’s dashboard counts it', {
    timeout: 240_000,
  }, async () => {
    // given four citizens' requests, three of them with a place in town, one already late
    const citizen = parvis.client();
    const filed = [];
    for (const label of ['carte-1', 'carte-2', 'carte-3', 'sans-lieu'])
      filed.push(await fileContactRequest(citizen, label));
    const places = [
      [48.8566, 2.3522],
      [48.8569, 2.3526],
      [48.8625, 2.3401],
    ];
    for (const [i, [latitude, longitude]] of places.entries()) {
      await parvis.sql`update requests set data = data || ${parvis.sql.json({ latitude, longitude })}
        where tracking_code = ${filed[i]!.trackingCode}`;
    }
    await parvis.sql`update requests set sla_state = 'breached', due_at = now() - interval '2 hours'
      where tracking_code = ${filed[1]!.trackingCode}`;
    const code = filed[0]!.trackingCode;

    // when the accueil agent opens the inbox
    const agent = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await signIn(agent, 'accueil@demoville.fr', 'demo-accueil');
    const row = agent.locator(`tr[data-tracking-code="${code}"]`);
    await expect
      .poll(
        async () => {
          if ((await row.count()) === 0) await agent.getByRole('button', { name: 'Actualiser' }).click();
          return row.count();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(1);
    // then the late request comes first, with its badge in words
    await expect
      .poll(() => agent.locator('tbody tr').first().getAttribute('data-tracking-code'))
      .toBe(filed[1]!.trackingCode);
    expect(await agent.locator('tbody tr').first().locator('.sla-badge').textContent()).toContain('En retard');
    expect(await row.locator('.sla-badge').textContent()).toContain('Dans les délais');
    await checkPage(agent, 'dashboard-01-inbox');

    // when they filter on late requests, then search for the code
    await agent.getByLabel('Délai', { exact: true }).selectOption('breached');
    await expect.poll(() => agent.locator('tbody tr').count()).toBe(1);
    expect(agent.url()).toContain('delai=breached');
    // on a slow connection: each change of the address first checks the session, which takes a second
    await agent.route('**/graphql', async (route) => {
      if (route.request().postDataJSON()?.query?.includes('query Me ')) await new Promise((r) => setTimeout(r, 1000));
      await route.fallback();
    });
    await agent.getByRole('button', { name: 'Effacer les filtres' }).click();
    // the words typed before the cleared filters reach the address are kept
    await agent.getByLabel(/^Rechercher/).fill(code);
    await agent.getByRole('button', { name: 'Filtrer', exact: true }).click();
    await expect.poll(() => agent.url(), { timeout: 15_000 }).toContain(`q=${code}`);
    expect(agent.url()).not.toContain('delai');
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => agent.locator('tbody tr').count(), { timeout: 15_000 }).toBe(1);
    await agent.unroute('**/graphql');
    await checkPage(agent, 'dashboard-02-inbox-search');

    // and claim it, then open it and answer
    await row.getByRole('button', { name: /^Prendre/ }).click();
    await agent.getByRole('status').filter({ hasText: 'prise' }).waitFor({ state: 'attached' });
    await expect.poll(() => row.locator('td').nth(4).textContent()).toBe('Moi');
    expect(await row.getByRole('button', { name: /^Rendre au groupe/ }).count()).toBe(1);
    await row.getByRole('link', { name: 'Répondre' }).click();
    const answer = agent.getByRole('textbox', { name: 'Réponse au demandeur', exact: true });
    await answer.fill('Oui, le samedi de 9 h à 12 h.');
    await agent.getByRole('button', { name: 'Terminer la tâche' }).click();
    await agent.getByRole('status').filter({ hasText: 'Tâche terminée' }).waitFor();
    await expect
      .poll(
        async () =>
          (await parvis.sql<{ status: string }[]>`select status from requests where tracking_code = ${code}`)[0]
            ?.status,
        { timeout: 60_000, interval: 500 },
      )
      .toBe('closed');

    // when the manager signs in and follows the dashboard link
    const manager = await (await browser.newContext({ locale: 'fr-FR', acceptDownloads: true })).newPage();
    await signIn(manager, 'manager@demoville.fr', 'demo-manager');
    await manager.getByRole('link', { name: 'Tableau de bord' }).click();
    await manager.waitForURL(`${parvis.url}/responsable`);
    await manager.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();

    // then the completed request is counted
    expect(await kpi(manager, 'submitted')).toBe('4');
    expect(await kpi(manager, 'closed')).toBe('1');
    expect(await kpi(manager, 'backlog')).toBe('3');
    expect(
      await manager.getByRole('table', { name: 'Par état' }).getByRole('row', { name: /Close/ }).textContent(),
    ).toContain('1');
    expect(await manager.getByRole('table', { name: 'Par canal' }).textContent()).toContain('Internet');
    // and the late one is in the list to watch
    const late = manager.locator(`.at-risk tr[data-tracking-code="${filed[1]!.trackingCode}"]`);
    expect(await late.locator('.sla-badge').textContent()).toContain('En retard');
    // and the map, on the IGN's plan by default, groups the two close requests and shows the third apart
    await manager.locator('.request-map__marker').first().waitFor();
    await expect
      .poll(() => manager.locator('.request-map__source').textContent())
      .toContain('Fond de carte : © IGN – Géoplateforme.');
    const counts = await manager
      .locator('.request-map__marker')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))).sort());
    expect(counts.reduce((a, b) => a + b, 0)).toBe(3);
    await checkPage(manager, 'dashboard-03-manager');

    // when they download the CSV
    const [download] = await Promise.all([
      manager.waitForEvent('download'),
      manager.getByRole('button', { name: 'Télécharger les chiffres (CSV)' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('closed,closed,Closes / Closed,1');
    expect(download.suggestedFilename()).toMatch(/^parvis-tableau-de-bord-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);

    // when a cluster is chosen, the map zooms in on it
    const cluster = manager.locator('button.request-map__marker');
    if ((await cluster.count()) > 0) {
      await cluster.first().click();
      await expect.poll(() => manager.locator('.request-map__marker').count()).toBeGreaterThanOrEqual(2);
    }

    // when another citizen files a request, the dashboard counts it without reloading
    await fileContactRequest(citizen, 'en-direct');
    await expect.poll(() => kpi(manager, 'submitted'), { timeout: 25_000, interval: 1000 }).toBe('5');

    // and in English, the chart's data is a table
    await manager.getByRole('button', { name: 'English' }).click();
    await manager.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await manager.getByText('Show the chart’s data').click();
    expect(await manager.locator('.trend__data tbody tr').count()).toBe(30);
    await checkPage(manager, 'dashboard-04-manager-en');
  });

  it('draws the map on the tiles of the server the manager sets', async () => {
    // given a tile server (stood in for by the browser: one pale pixel per tile)
    const manager = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    const tiles = await standInTileServer(manager);
    await signIn(manager, 'manager@demoville.fr', 'demo-manager');
    await manager.goto(`${parvis.url}/responsable`);
    await manager.locator('.request-map__marker').first().waitFor();
    // when the manager sets it among the settings
    await manager.getByText('Coûts unitaires').click();
    await manager.getByLabel(/^Serveur de tuiles/).fill(`${parvis.url}/tuiles/{z}/{x}/{y}.png`);
    await manager.getByRole('button', { name: 'Enregistrer les réglages' }).click();
    await manager.getByRole('status').filter({ hasText: 'Réglages enregistrés' }).waitFor();
    // then the map asks it for the tiles around the requests, and says where they come from
    await expect.poll(() => manager.locator('.request-map__canvas image').count()).toBeGreaterThan(0);
    await expect.poll(() => tiles.length).toBeGreaterThan(0);
    expect(tiles.every((t) => /^\/tuiles\/\d+\/\d+\/\d+\.png$/.test(t))).toBe(true);
    expect(await manager.locator('.request-map__source').textContent()).toContain('Fond de carte : 127.0.0.1');
    await manager.locator('.request-map__canvas').scrollIntoViewIfNeeded();
    await checkPage(manager, 'dashboard-06-map-tiles');
  });

  it('keeps agents without the manager role out of the dashboard', async () => {
    const agent = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await signIn(agent, 'accueil@demoville.fr', 'demo-accueil');
    expect(await agent.getByRole('link', { name: 'Tableau de bord' }).count()).toBe(0);
    await agent.goto(`${parvis.url}/responsable`);
    await agent.getByRole('alert').filter({ hasText: 'réservé aux responsables' }).waitFor();
    await checkPage(agent, 'dashboard-05-forbidden');
    // and they sign out from there, back to the sign-in page, signed out
    await agent.getByRole('button', { name: 'Se déconnecter' }).click();
    await agent.waitForURL(`${parvis.url}/agent/connexion`);
    await agent.goto(`${parvis.url}/responsable`);
    await agent.waitForURL(/\/agent\/connexion/);
  });
});

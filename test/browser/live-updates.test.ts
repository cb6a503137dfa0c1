import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkPage, portalInChromium, signInAgent } from '../support/browser.ts';
import { fileContactRequest } from '../support/contact-requests.ts';
import type { RunningParvis } from '../support/parvis.ts';

// Pages follow changes pushed by the server. Without a socket they ask every 60 s
// (FALLBACK_POLL_MS): every wait below is far shorter, so what shows up was pushed.
const PUSHED_WITHIN_MS = 20_000;

describe('live updates in Chromium: pages change without reloading when requests arrive or change', () => {
  let parvis: RunningParvis;
  let browser: Browser;

  portalInChromium((started) => ({ parvis, browser } = started));

  async function signIn(page: Page, email: string, password: string, landing: string) {
    await signInAgent(page, parvis.url, email, password);
    if (landing !== '/agent') await page.goto(`${parvis.url}${landing}`);
  }

  const liveState = (page: Page) => page.locator('.live-status').first().getAttribute('data-live');
  // Set once; a reload would lose it.
  const markPage = (page: Page) => page.evaluate(() => Object.assign(window, { parvisNotReloaded: true }));
  const stillSamePage = (page: Page) =>
    page.evaluate(() => (window as { parvisNotReloaded?: boolean }).parvisNotReloaded);

  it('the inbox shows a request filed meanwhile, and the citizen’s tracking page sees it closed', {
    timeout: 240_000,
  }, async () => {
    // given the accueil agent's inbox open and live
    const agent = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await signIn(agent, 'accueil@demoville.fr', 'demo-accueil', '/agent');
    await expect.poll(() => liveState(agent), { timeout: 30_000 }).toBe('live');
    await expect.poll(() => agent.getByRole('status').filter({ hasText: 'En direct' }).count()).toBe(1);
    await markPage(agent);

    // when a citizen files a request
    const filed = await fileContactRequest(parvis.client(), 'en-direct');

    // then its row appears, well before any polling would have brought it, on the same page
    const row = agent.locator(`tr[data-tracking-code="${filed.trackingCode}"]`);
    await expect.poll(() => row.count(), { timeout: PUSHED_WITHIN_MS, interval: 250 }).toBe(1);
    expect(await stillSamePage(agent)).toBe(true);
    await checkPage(agent, 'live-01-inbox');

    // given the citizen following the request on the tracking page
    const citizen = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await citizen.goto(`${parvis.url}/suivi/${filed.trackingCode}`);
    await citizen.getByLabel('Adresse e-mail').fill(filed.email);
    await citizen.getByRole('button', { name: 'Voir ma demande' }).click();
    await expect.poll(() => liveState(citizen), { timeout: 30_000 }).toBe('live');
    await markPage(citizen);

    // when the agent answers it
    await row.getByRole('link', { name: 'Répondre' }).click();
    const answer = agent.getByRole('textbox', { name: 'Réponse au demandeur', exact: true });
    await answer.fill('La mairie ouvre à 8 h 30.');
    await agent.getByRole('button', { name: 'Terminer la tâche' }).click();
    await agent.getByRole('status').filter({ hasText: 'Tâche terminée' }).waitFor();

    // then the citizen's page says it is closed, without a reload
    await expect
      .poll(() => citizen.locator('.status').getAttribute('data-status'), { timeout: PUSHED_WITHIN_MS })
      .toBe('closed');
    expect(await stillSamePage(citizen)).toBe(true);
    await checkPage(citizen, 'live-02-tracking');
  });

  it('the manager’s dashboard counts a new request without reloading', { timeout: 120_000 }, async () => {
    const manager = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await signIn(manager, 'manager@demoville.fr', 'demo-manager', '/responsable');
    await expect.poll(() => liveState(manager), { timeout: 30_000 }).toBe('live');
    const submitted = () => manager.locator('[data-kpi="submitted"] .kpis__value').textContent();
    const before = Number((await submitted())?.replace(/\D/g, ''));
    await markPage(manager);

    await fileContactRequest(parvis.client(), 'tableau-en-direct');

    await expect
      .poll(async () => Number((await submitted())?.replace(/\D/g, '')), { timeout: PUSHED_WITHIN_MS })
      .toBe(before + 1);
    expect(await stillSamePage(manager)).toBe(true);
  });

  it('a page whose socket cannot open says it is not live', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    // a proxy that refuses WebSockets
    await context.routeWebSocket(/\/graphql$/, (socket) => socket.close({ code: 1011 }));
    const agent = await context.newPage();
    await signIn(agent, 'accueil@demoville.fr', 'demo-accueil', '/agent');
    await expect.poll(() => liveState(agent), { timeout: 30_000 }).toBe('polling');
    expect(await agent.locator('.live-status').textContent()).toContain('Mises à jour en direct indisponibles');
    await checkPage(agent, 'live-03-inbox-not-live');
  });
});

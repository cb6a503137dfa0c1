import { upsertAgent } from '@parvis/graphql';
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPage, portalInChromium, signInAgent } from '../support/browser.ts';
import type { RunningParvis } from '../support/parvis.ts';

// Issue 20, point 1, as a town's administrator does it in Chromium: an api_key issued for an
// Open311 app on the « Applications Open311 » screen, shown once, working for that app's posts,
// then revoked. At 1280 px and on a 375 px phone.

const ADMIN = { email: 'admin@demoville.fr', password: 'demo-admin-password' };

describe('town administration in Chromium: api_keys for Open311 applications', () => {
  let parvis: RunningParvis;
  let browser: Browser;

  portalInChromium((started) => ({ parvis, browser } = started));
  beforeAll(async () => {
    await upsertAgent(parvis.sql, {
      municipalityId: 'demo',
      ...ADMIN,
      displayName: 'Ada Admin',
      roles: ['administrator'],
      groups: [],
    });
  });

  const postReport = (apiKey: string) =>
    fetch(`${parvis.url}/open311/v2/demo/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: apiKey,
        service_code: 'signalement',
        address_string: '3 rue du Marché',
        'attribute[categorie]': 'tag',
      }),
    });

  for (const width of [1280, 375]) {
    it(`issues a key shown once, which the app posts with, then revokes it (${width} px)`, {
      timeout: 180_000,
    }, async () => {
      const page = await (await browser.newContext({ locale: 'fr-FR', viewport: { width, height: 900 } })).newPage();
      await signInAgent(page, parvis.url, ADMIN.email, ADMIN.password);
      await page.goto(`${parvis.url}/administration`);
      await page
        .getByRole('navigation', { name: 'Administration de la commune' })
        .getByRole('link', { name: 'Applications Open311' })
        .click();
      await page.getByRole('heading', { name: 'Applications Open311', level: 1 }).waitFor();
      expect(await page.locator('.open311__discovery code').textContent()).toBe(
        `${parvis.url}/open311/v2/demo/discovery.json`,
      );

      // an empty name is refused on its field
      await page.getByRole('button', { name: 'Créer une clé' }).click();
      await page
        .getByText(/Nom de l.application : 1 à 100 caractères/)
        .first()
        .waitFor();

      // when the administrator issues a key for an app
      const app = `FixMyStreet ${width}`;
      await page.getByLabel('Nom de l’application').fill(app);
      await page.getByRole('button', { name: 'Créer une clé' }).click();
      const shown = page.getByLabel(`Clé d’API de « ${app} »`);
      await shown.waitFor();
      const apiKey = await shown.inputValue();
      expect(apiKey).toMatch(/^p311_/);
      await checkPage(page, `admin-open311-issued-${width}`);

      // then the app posts a report with it
      expect((await postReport(apiKey)).status).toBe(200);

      // and once the page is left, the key is not shown again: only its start, and its last use
      await page.reload();
      const row = page.getByRole('row', { name: new RegExp(app) });
      await row.waitFor();
      expect(await page.getByLabel(`Clé d’API de « ${app} »`).count()).toBe(0);
      expect(await page.content()).not.toContain(apiKey);
      expect(await row.textContent()).toContain(apiKey.slice(0, 9));
      expect(await row.textContent()).not.toContain('jamais');

      // when it is revoked, the app's posts are refused
      await row.getByRole('button', { name: `Révoquer la clé de ${app}` }).click();
      await page.locator('.notice--success').getByText(`Clé de « ${app} » révoquée`).waitFor();
      expect((await postReport(apiKey)).status).toBe(403);
      await checkPage(page, `admin-open311-revoked-${width}`);
    });
  }
});

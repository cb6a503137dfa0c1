import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { portalInChromium, SCREENSHOTS } from '../support/browser.ts';
import type { RunningParvis } from '../support/parvis.ts';

/** The pages served with their first screen, and the heading each shows (the demo town's). */
const PAGES: [string, string, string][] = [
  ['catalogue', '/', 'Les démarches en ligne'],
  ['form', '/demarches/signalement', "Signaler un problème sur l'espace public"],
  ['tracking', '/suivi', 'Suivre une demande'],
];

describe('the citizen pages’ first screen: served with the page, drawn again by the portal without a move', () => {
  let parvis: RunningParvis;
  let browser: Browser;
  portalInChromium((started) => ({ parvis, browser } = started));

  /**
   * The page at `path` in a browser that keeps `stored`: as the portal draws it, or without its
   * scripts, as a phone shows it before they have run (here they never come).
   */
  async function opened(width: number, path: string, scripts: boolean, stored: Record<string, string> = {}) {
    const context = await browser.newContext({ viewport: { width, height: 800 }, locale: 'fr-FR' });
    await context.addInitScript((items) => {
      for (const [key, value] of Object.entries(items)) localStorage.setItem(key, value);
    }, stored);
    const page = await context.newPage();
    if (!scripts) await page.route('**/assets/*.js', (route) => route.abort());
    await page.goto(`${parvis.url}${path}`);
    if (scripts) await page.locator('#app[data-v-app] h1').first().waitFor();
    return page;
  }
  const beforeScripts = (width: number, path: string, stored?: Record<string, string>) =>
    opened(width, path, false, stored);
  const drawn = (width: number, path: string, stored?: Record<string, string>) => opened(width, path, true, stored);

  const blockedByPolicy = (page: Page) =>
    page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);

  for (const width of [375, 1280]) {
    it(`shows each page's header and heading before its scripts, where the portal then draws them, at ${width} px`, {
      timeout: 90_000,
    }, async () => {
      for (const [name, path, heading] of PAGES) {
        const served = await beforeScripts(width, path);
        await expect.poll(() => served.locator('h1').textContent()).toBe(heading);
        expect(await served.locator('.site-header__name').textContent()).toBe('Mairie de Démoville');
        await served.screenshot({ path: join(SCREENSHOTS, `first-screen-${name}-${width}.png`) });
        const before = {
          header: await served.locator('header').boundingBox(),
          heading: await served.locator('h1').boundingBox(),
        };
        // its guard ran under the page's nonce
        expect(await blockedByPolicy(served)).toEqual([]);

        const page = await drawn(width, path);
        const after = {
          header: await page.locator('header').boundingBox(),
          heading: await page.locator('h1').boundingBox(),
        };
        expect(after, `${path} at ${width} px`).toEqual(before);
        await page.context().close();
        await served.context().close();
      }
    });
  }

  it('shows a reader’s large text at once, and no French first screen to a reader of English', {
    timeout: 60_000,
  }, async () => {
    const large = {
      'parvis.reading': JSON.stringify({ textSize: 'larger', contrast: 'high', lineSpacing: 'standard' }),
    };
    const served = await beforeScripts(375, '/suivi', large);
    await expect.poll(() => served.locator('h1').textContent()).toBe('Suivre une demande');
    expect(await served.evaluate(() => ({ ...document.documentElement.dataset }))).toMatchObject({
      textSize: 'larger',
      contrast: 'high',
    });
    const before = await served.locator('h1').boundingBox();
    const page = await drawn(375, '/suivi', large);
    expect(await page.locator('h1').boundingBox()).toEqual(before);

    const english = await beforeScripts(375, '/suivi', { 'parvis.lang': 'en' });
    expect(await english.locator('#app').innerHTML()).toBe('');
    expect(await (await drawn(375, '/suivi', { 'parvis.lang': 'en' })).locator('h1').textContent()).toBe(
      'Track a request',
    );
  });
});

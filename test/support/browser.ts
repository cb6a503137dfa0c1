import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { type RunningParvis, startParvis } from './parvis.ts';

export const PORTAL_DIST = resolve(import.meta.dirname, '../../portal/dist');
export const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');

/** Parvis serving the built portal (portal/dist, or a copy of it), and Debian's Chromium to drive it. */
export async function startPortalInChromium(
  portalDir = PORTAL_DIST,
): Promise<{ parvis: RunningParvis; browser: Browser }> {
  if (!existsSync(join(portalDir, 'index.html'))) throw new Error('portal/dist is missing: run `npm run build`.');
  mkdirSync(SCREENSHOTS, { recursive: true });
  const parvis = await startParvis({ portalDir });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  // Every page of every test records what the content security policy blocked (checkPage reads it).
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await context.addInitScript(() => {
      const blocked: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = blocked;
      document.addEventListener('securitypolicyviolation', (event) =>
        blocked.push(
          `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`,
        ),
      );
    });
    return context;
  };
  return { parvis, browser };
}

/**
 * Starts Parvis and Chromium before a describe block's tests and stops them after; `started`
 * receives them once they run.
 */
export function portalInChromium(
  started: (running: { parvis: RunningParvis; browser: Browser }) => void,
  portalDir?: string,
): void {
  let running: { parvis: RunningParvis; browser: Browser } | undefined;
  beforeAll(async () => {
    running = await startPortalInChromium(portalDir);
    started(running);
  });
  afterAll(async () => {
    await running?.browser.close();
    await running?.parvis.stop();
  });
}

/** Signs a demo agent in on the portal's agent sign-in page and waits for their inbox. */
export async function signInAgent(page: Page, portalUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${portalUrl}/agent/connexion`);
  await page.getByLabel('Adresse e-mail professionnelle').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`${portalUrl}/agent`);
}

/** The request's row in the agent's inbox, once it shows (the page reloaded until it does). */
export async function inboxRow(page: Page, trackingCode: string, timeout = 60_000): Promise<Locator> {
  const row = page.locator(`tr[data-tracking-code="${trackingCode}"]`);
  await expect
    .poll(
      async () => {
        if ((await row.count()) === 0) await page.reload();
        return row.count();
      },
      { timeout, interval: 1000 },
    )
    .toBe(1);
  return row;
}

/** A 1×1 PNG, pale green: what the stand-in tile server answers. */
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGN4/OYmAAVeAqkf3VJtAAAAAElFTkSuQmCC',
  'base64',
);

/**
 * Stands in for a tile server at `…/tuiles/…` in the page's browser: each tile is one pale pixel.
 * Answers the paths of the tiles asked for, as they come.
 */
export async function standInTileServer(page: Page): Promise<string[]> {
  const tiles: string[] = [];
  await page.route('**/tuiles/**', (route) => {
    tiles.push(new URL(route.request().url()).pathname);
    return route.fulfill({ contentType: 'image/png', body: PIXEL });
  });
  return tiles;
}

/**
 * Saves a screenshot of the page and fails on any serious or critical accessibility violation, or
 * on anything the content security policy blocked since the page loaded.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  expect(await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])).toEqual(
    [],
  );
  const { violations } = await new AxeBuilder({ page }).analyze();
  const grave = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${name}: ${v.id} — ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(grave).toEqual([]);
}

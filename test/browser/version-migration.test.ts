import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployProcedure } from '@parvis/graphql';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, PORTAL_DIST, portalInChromium } from '../support/browser.ts';
import { eventually } from '../support/graphql-client.ts';
import type { RunningParvis } from '../support/parvis.ts';

// Issue 21, point 4 in Chromium: an analyst maps v1's renamed task to v2's, dry-runs the move,
// sees a mapping to an element of another type refused, and moves the requests that can.
const SUBMIT = `mutation ($data: JSON!) { submitRequest(municipality: "demo", procedure: "terrace-permit", data: $data) { trackingCode } }`;

describe('moving running requests to a new version, in Chromium', () => {
  let parvis: RunningParvis;
  let browser: Browser;
  let v1: number;
  let v2: number;
  const portal = mkdtempSync(join(tmpdir(), 'parvis-portal-'));
  cpSync(PORTAL_DIST, portal, { recursive: true });
  portalInChromium((started) => ({ parvis, browser } = started), portal);

  const deploy = async (file: string) => {
    const bpmn = (await readFile(join(import.meta.dirname, '../fixtures', file), 'utf8')).replace('>COOLING<', '>P1D<');
    const title = { fr: 'Autorisation de terrasse', en: 'Terrace permit' };
    return (await deployProcedure(parvis.sql, 'demo', { key: 'terrace-permit', title, bpmn, forms: {} }, 'test'))
      .version;
  };
  const submit = async (fast: boolean) =>
    (
      await parvis
        .client()
        .data<{ submitRequest: { trackingCode: string } }>(SUBMIT, { data: { fast, email: 'ines@example.fr' } })
    ).submitRequest.trackingCode;
  const versionOf = async (code: string) =>
    (
      await parvis.sql<{ version: number }[]>`select v.version from requests r
        join procedure_versions v on v.id = r.procedure_version_id where r.tracking_code = ${code}`
    )[0]!.version;

  let waiting: string;
  let reviewed: string;
  beforeAll(async () => {
    // given on v1 a request waiting on its cooling-off day and one at its review, and a v2 that renamed the review
    v1 = await deploy('migration-v1.bpmn');
    waiting = await submit(false);
    reviewed = await submit(true);
    await eventually(async () => {
      const [task] = await parvis.sql`select 1 from tasks t join requests r on r.id = t.request_id
        where r.tracking_code = ${reviewed} and t.status = 'open'`;
      return task;
    }, 60_000);
    v2 = await deploy('migration-v2.bpmn');
  });
  afterAll(() => rmSync(portal, { recursive: true, force: true }));

  async function analystAt(path: string, width: number): Promise<Page> {
    const page = await (await browser.newContext({ locale: 'fr-FR', viewport: { width, height: 900 } })).newPage();
    page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
    await page.goto(`${parvis.url}${path}`);
    await page.waitForURL(/\/agent\/connexion/);
    await page.getByLabel('Adresse e-mail professionnelle').fill('analyste@demoville.fr');
    await page.getByLabel('Mot de passe').fill('demo-analyste');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${parvis.url}${path}`);
    return page;
  }

  it('dry-runs, refuses a mapping to another type, then moves the requests; at 375 px too', {
    timeout: 300_000,
  }, async () => {
    // when the analyst opens the move from the procedure's versions
    const page = await analystAt('/analyste/demarches/terrace-permit', 1280);
    await page.getByTestId('open-migration').click();
    await page.waitForURL(new RegExp(`/migrer/${v1}/${v2}$`));
    // then the dry run without a mapping says the request at the review cannot move, and why
    const rowOf = (code: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: code }) });
    await rowOf(reviewed).waitFor();
    expect(await page.getByTestId('migration-summary').textContent()).toContain('1 demande(s) sur 2');
    expect(await rowOf(reviewed).textContent()).toContain('Non');
    expect(await rowOf(reviewed).textContent()).toContain(
      "La demande est à « Examiner la demande » (Review), qui n'a pas de correspondance",
    );
    expect(await rowOf(waiting).textContent()).toContain('Oui');
    await checkPage(page, 'version-migration-01-dry-run-1280');
    // and the same dry run at 375 px reads without scrolling the page sideways
    const narrow = await analystAt(`/analyste/demarches/terrace-permit/migrer/${v1}/${v2}`, 375);
    await narrow.getByRole('rowheader', { name: reviewed }).waitFor();
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await checkPage(narrow, 'version-migration-02-dry-run-375');

    // when the analyst maps the review to the end event — offered nowhere in the list, typed through the API
    const refused = await page.evaluate(
      async ({ from, to }) => {
        const response = await fetch('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
          body: JSON.stringify({
            query: `query ($from: Int!, $to: Int!) { versionMigrationPlan(procedureKey: "terrace-permit", fromVersion: $from,
              toVersion: $to, mapping: [{ from: "Review", to: "Done" }]) { total } }`,
            variables: { from, to },
          }),
        });
        return (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
      },
      { from: v1, to: v2 },
    );
    // then it is refused, naming both elements and their types
    expect(refused.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(refused.errors[0]!.message).toContain('userTask');
    expect(refused.errors[0]!.message).toContain('endEvent');
    // and the screen offers only elements of the same type: the review may go to Examine or Check, never to Done
    const choices = await page.getByLabel('Examiner la demande (Review)').locator('option').allTextContents();
    expect(choices[0]).toBe('— aucun —');
    expect(choices.slice(1).sort()).toEqual(['Avis de la police municipale (Check)', 'Instruire la demande (Examine)']);

    // when the review is mapped to its new name and checked again
    await page.getByLabel('Examiner la demande (Review)').selectOption('Examine');
    await page.getByRole('button', { name: 'Vérifier, sans rien changer' }).click();
    await expect.poll(() => page.getByTestId('migration-summary').textContent()).toContain('2 demande(s) sur 2');
    expect(await versionOf(reviewed)).toBe(v1);

    // and the requests are moved
    await page.getByRole('button', { name: 'Déplacer les 2 demande(s) qui le peuvent' }).click();
    await page.getByTestId('migration-done').waitFor();
    expect(await page.getByTestId('migration-done').textContent()).toContain('2 demande(s) déplacée(s), 0 laissée(s)');
    expect(await versionOf(reviewed)).toBe(v2);
    expect(await versionOf(waiting)).toBe(v2);
    await page.getByText(`Aucune demande en cours sur la version ${v1}.`).waitFor();
    await checkPage(page, 'version-migration-03-moved-1280');
  });
});

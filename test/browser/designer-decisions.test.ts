import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkPage, portalInChromium, SCREENSHOTS } from '../support/browser.ts';
import { eventually } from '../support/graphql-client.ts';
import type { RunningParvis } from '../support/parvis.ts';

// A procedure whose business rule task calls a DMN decision (test/fixtures/fee-procedure): the analyst
// edits its table with dmn-js in the designer, adds and removes a decision file, and publishes.
const FIXTURE = join(import.meta.dirname, '../fixtures/fee-procedure');
const read = (file: string) => readFileSync(join(FIXTURE, file), 'utf8');
const SIGN_IN = `mutation { signIn(municipality: "demo", email: "analyste@demoville.fr", password: "demo-analyste") { displayName } }`;
const DEPLOY = `mutation ($input: DeployProcedureInput!) { deployProcedure(input: $input) { version created } }`;
const SUBMIT = `mutation ($data: JSON!) { submitRequest(municipality: "demo", procedure: "terrasse", data: $data) { trackingCode } }`;
const MANAGER = `mutation { signIn(municipality: "demo", email: "manager@demoville.fr", password: "demo-manager") { id } }`;
const TASKS = `query ($code: String!) { request(trackingCode: $code) { procedureVersion tasks { name } } }`;

describe('the designer edits a procedure’s DMN decisions (dmn-js)', () => {
  let parvis: RunningParvis;
  let browser: Browser;

  portalInChromium((started) => ({ parvis, browser } = started));

  const problems = (page: Page) => page.locator('.problem-list').first();
  /** Runs the dry run with these data and answers the variables it ends with. */
  const dryRun = async (page: Page, data: Record<string, unknown>) => {
    const reset = page.getByRole('button', { name: 'Effacer l’essai' });
    if ((await reset.count()) > 0) await reset.click();
    await page.getByTestId('dry-run-status').waitFor({ state: 'detached' });
    await page.getByLabel('Données de la demande (JSON)').fill(JSON.stringify(data));
    await page.getByRole('button', { name: 'Démarrer l’essai' }).click();
    await page.getByTestId('dry-run-status').waitFor();
    return JSON.parse((await page.getByTestId('dry-run-variables').textContent()) ?? '{}') as Record<string, unknown>;
  };
  /**
   * A citizen files a request for a 20 m² terrace; answers its version and the task it opened —
   * « Instruire une petite terrasse » only when the decision gave the small fee.
   */
  const fileTerrace = async (email: string) => {
    const { submitRequest } = await parvis.client().data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
      data: { surface: 20, email },
    });
    const manager = parvis.client();
    await manager.data(MANAGER);
    return eventually(async () => {
      const { request } = await manager.data<{ request: { procedureVersion: number; tasks: { name: string }[] } }>(
        TASKS,
        { code: submitRequest.trackingCode },
      );
      return request.tasks.length > 0 ? { version: request.procedureVersion, task: request.tasks[0]!.name } : undefined;
    }, 60_000);
  };
  /** Types into a cell of the decision table (dmn-js cells are content-editable). */
  const typeInCell = async (page: Page, cell: ReturnType<Page['locator']>, text: string) => {
    await cell.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(text);
  };

  it('adds a rule to the table a business rule task calls, sees its problems live, publishes it, and new requests take it', {
    timeout: 300_000,
  }, async () => {
    // given a published procedure whose business rule task calls decision "fee": 500 € above 50 m², nothing below
    const analyst = parvis.client();
    await analyst.data(SIGN_IN);
    const deployed = await analyst.data<{ deployProcedure: { version: number } }>(DEPLOY, {
      input: {
        key: 'terrasse',
        bpmn: read('fee.bpmn'),
        decisions: [{ name: 'fee.dmn', xml: read('fee.dmn') }],
        forms: { 'terrasse-form': JSON.parse(read('terrasse-form.form')) },
        titleFr: 'Terrasse de café',
        titleEn: 'Café terrace',
      },
    });
    expect(deployed.deployProcedure.version).toBe(1);
    await analyst.data(`mutation { updateProcedureMetadata(key: "terrasse", metadata: { published: true }) { key } }`);
    // and a 20 m² terrace filed on it gets no fee: the request opens the ordinary review
    expect(await fileTerrace('avant@example.fr')).toEqual({ version: 1, task: 'Instruire' });

    // when the analyst opens its designer
    const page = await (
      await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } })
    ).newPage();
    page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
    await page.goto(`${parvis.url}/analyste`);
    await page.waitForURL(/\/agent\/connexion/);
    await page.getByLabel('Adresse e-mail professionnelle').fill('analyste@demoville.fr');
    await page.getByLabel('Mot de passe').fill('demo-analyste');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${parvis.url}/analyste`);
    await page.goto(`${parvis.url}/analyste/demarches/terrasse/dessin`);
    await page.locator('.djs-element[data-element-id="Fee"]').first().waitFor();
    await expect.poll(() => problems(page).textContent()).toContain('Aucun problème');

    // then its DMN file is listed with its decision, and the dry run of a 20 m² terrace finds no fee
    const listed = page.locator('li[data-decision-file="fee.dmn"]');
    expect(await listed.textContent()).toContain('Redevance de terrasse');
    expect((await dryRun(page, { surface: 20 })).fee).toBeNull();

    // when they open the table in dmn-js and add a rule, first with bad FEEL
    await listed.getByRole('button', { name: 'Modifier fee.dmn' }).click();
    const table = page.getByTestId('decision-editor');
    await table.locator('.tjs-table').waitFor();
    await table.locator('.add-rule-add').click();
    const rows = table.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    await typeInCell(page, rows.nth(1).locator('td.input-cell').first(), '[10..');
    await typeInCell(page, rows.nth(1).locator('td.output-cell').first(), '100');
    // then the designer shows the problem at once, naming the file and the decision
    const invalid = page.locator('.problem-list li[data-file="fee.dmn"]');
    await expect.poll(() => invalid.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await invalid.first().textContent()).toContain('fee.dmn');
    await checkPage(page, 'designer-decisions-01-bad-feel');

    // when they correct the rule
    await typeInCell(page, rows.nth(1).locator('td.input-cell').first(), '<= 50');
    await page.getByRole('heading', { name: 'Fichier « fee.dmn »' }).click();
    // then the problems are gone, and the dry run of a 20 m² terrace takes the new rule
    await expect.poll(() => problems(page).textContent(), { timeout: 10_000 }).toContain('Aucun problème');
    expect((await dryRun(page, { surface: 20 })).fee).toBe(100);
    expect((await dryRun(page, { surface: 80 })).fee).toBe(500);
    await checkPage(page, 'designer-decisions-02-rule-added');
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: join(SCREENSHOTS, 'designer-decisions-02-rule-added-375.png'), fullPage: true });
    // and on a phone the page is no wider than the screen (the diagram and the table scroll inside)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 900 });

    // when they add a new decision table, then remove it
    await page.getByLabel('Nom de la nouvelle décision').fill('Remise sociale');
    await page.getByRole('button', { name: 'Ajouter une table de décision' }).click();
    await page.locator('li[data-decision-file="Remise_sociale.dmn"]').waitFor();
    await page.getByRole('heading', { name: 'Fichier « Remise_sociale.dmn »' }).waitFor();
    await table.locator('.tjs-table').waitFor();
    await expect.poll(() => problems(page).textContent(), { timeout: 10_000 }).toContain('Aucun problème');
    await page.getByRole('button', { name: 'Supprimer Remise_sociale.dmn' }).click();
    await expect.poll(() => page.locator('li[data-decision-file]').count()).toBe(1);

    // when they publish
    await page.getByRole('button', { name: 'Publier une nouvelle version' }).click();
    // then version 2 keeps the DMN file with the new rule, and only it
    await expect
      .poll(() => page.getByTestId('published').textContent(), { timeout: 20_000 })
      .toContain('Version 2 publiée');
    const [stored] = await parvis.sql<{ decisions: { name: string; xml: string }[] }[]>`
      select decisions from procedure_versions where procedure_key = 'terrasse' and version = 2`;
    expect(stored!.decisions.map((file) => file.name)).toEqual(['fee.dmn']);
    expect(stored!.decisions[0]!.xml).toMatch(/<text>&lt;= 50<\/text>/);
    // and a request of version 2 takes the new rule: the same terrace now has the small fee
    expect(await fileTerrace('apres@example.fr')).toEqual({ version: 2, task: 'Instruire une petite terrasse' });

    // and they remove fee.dmn, which the business rule task calls
    await page.getByRole('button', { name: 'Supprimer fee.dmn' }).click();
    // then the task's missing decision is an error
    await expect
      .poll(() => page.locator('.problem-list li[data-element-id="Fee"]').count(), { timeout: 10_000 })
      .toBe(1);
    await checkPage(page, 'designer-decisions-03-decision-missing');
    expect(await page.getByText('Aucun fichier de décisions.').count()).toBe(1);
    await page.setViewportSize({ width: 375, height: 800 });
    await checkPage(page, 'designer-decisions-03-decision-missing-375');
    // and publishing is refused
    await page.getByRole('button', { name: 'Publier une nouvelle version' }).click();
    await page
      .getByText(/corrigez les erreurs|Corrigez les erreurs/)
      .first()
      .waitFor();
  });
});

import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkPage, portalInChromium, SCREENSHOTS } from '../support/browser.ts';
import { fileContactRequest } from '../support/contact-requests.ts';
import type { RunningParvis } from '../support/parvis.ts';

const VERSION_OF = `query ($code: String!, $email: String) { request(trackingCode: $code, email: $email) { procedureVersion } }`;
const SIGN_IN = `mutation { signIn(municipality: "demo", email: "analyste@demoville.fr", password: "demo-analyste") { displayName } }`;
const DEPLOY = `mutation ($input: DeployProcedureInput!) { deployProcedure(input: $input) { version created } }`;

describe('the designer in Chromium: an analyst changes a procedure, checks it, tries it and publishes it', () => {
  let parvis: RunningParvis;
  let browser: Browser;

  portalInChromium((started) => ({ parvis, browser } = started));

  const shape = (page: Page, id: string) => page.locator(`.djs-element[data-element-id="${id}"]`).first();
  /** Selects an element afresh (its context pad opens on a new selection). */
  const select = async (page: Page, id: string) => {
    await page
      .locator('.djs-container svg')
      .first()
      .click({ position: { x: 620, y: 40 } });
    await shape(page, id).click();
  };
  const contextEntry = (page: Page, action: string) => page.locator(`.djs-context-pad [data-action="${action}"]`);
  const problemsOn = (page: Page, id: string) => page.locator(`.problem-list li[data-element-id="${id}"]`);

  it('changes the contact procedure through the page; requests already filed stay on their version', {
    timeout: 300_000,
  }, async () => {
    // given a request filed on version 1 of the contact procedure
    const before = await fileContactRequest(parvis.client(), 'avant-la-v2');

    // when the analyst signs in and opens the designer
    const page = await (
      await browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 1000 } })
    ).newPage();
    page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') console.error(`[console] ${message.text()}`);
    });
    await page.goto(`${parvis.url}/analyste`);
    await page.waitForURL(/\/agent\/connexion/);
    await page.getByLabel('Adresse e-mail professionnelle').fill('analyste@demoville.fr');
    await page.getByLabel('Mot de passe').fill('demo-analyste');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${parvis.url}/analyste`);
    await page.getByRole('link', { name: 'Contacter la mairie' }).waitFor();
    await checkPage(page, 'designer-01-procedures');

    // then the procedure shows its versions, with who deployed each
    await page.getByRole('link', { name: 'Contacter la mairie' }).click();
    await page.locator('tr[data-version="1"]').waitFor();
    expect(await page.locator('tr[data-version="1"]').textContent()).toContain('parvis-seed');
    // and its presentation can be edited
    await page.getByLabel('Description (français)').fill('Posez votre question à la mairie.');
    await page.getByLabel('Description (anglais)').fill('Ask the town hall your question.');
    await page.getByRole('button', { name: 'Enregistrer la présentation' }).click();
    await page.getByText('Présentation enregistrée.').waitFor();
    await checkPage(page, 'designer-02-procedure');

    // when they open version 1 in the modeler
    await page.getByRole('link', { name: 'Modifier à partir de la version 1' }).click();
    await shape(page, 'Answer').waitFor();
    await expect.poll(() => page.locator('.problem-list__summary').textContent()).toContain('Aucun problème');
    await page.screenshot({ path: join(SCREENSHOTS, 'designer-03a-modeler.png'), fullPage: true });

    // and replace the end of the process by a new step: remove the end event…
    await select(page, 'Answered');
    await contextEntry(page, 'delete').click();
    await expect.poll(() => shape(page, 'Flow_ToEnd').count()).toBe(0);
    // …and append a task after "Répondre", made a user task
    await select(page, 'Answer');
    await contextEntry(page, 'append.append-task').click();
    await page.keyboard.type('Relire la réponse');
    await page
      .locator('.djs-container svg')
      .first()
      .click({ position: { x: 700, y: 450 } });
    const added = page.locator('.djs-shape[data-element-id^="Activity_"]').first();
    await added.waitFor();
    const taskId = (await added.getAttribute('data-element-id'))!;
    await select(page, taskId);
    await contextEntry(page, 'replace').click();
    await page.locator('.djs-popup [data-id="replace-with-user-task"]').click();

    // then the new step, which leads nowhere, is flagged on the diagram and in the list, in French
    await expect.poll(() => problemsOn(page, taskId).count()).toBeGreaterThan(0);
    expect(await problemsOn(page, taskId).first().textContent()).toContain('Aucun flux ne sort de cet élément');
    await page.locator(`.parvis-problem-badge[data-element-id="${taskId}"]`).waitFor();
    // and a process without an end is an error
    expect(await page.locator('.problem-list li[data-code="end-event-required"]').textContent()).toContain('Erreur');
    await checkPage(page, 'designer-03-problem-flagged');

    // when they end the process after the new step
    await select(page, taskId);
    await contextEntry(page, 'append.end-event').click();
    await page.keyboard.type('Réponse relue');
    await page
      .locator('.djs-container svg')
      .first()
      .click({ position: { x: 650, y: 500 } });

    // then the problems are gone
    await expect.poll(() => page.locator('.problem-list__summary').textContent()).toContain('Aucun problème');

    // when they set the procedure's deadline in the properties panel, first wrongly
    await page
      .locator('.djs-container svg')
      .first()
      .click({ position: { x: 620, y: 40 } });
    await page.locator('.bio-properties-panel-group-header', { hasText: 'Parvis — délai et silence' }).click();
    const days = page.getByLabel('Délai de traitement (jours ouvrés)');
    await days.fill('cinq');
    // then the engine's settings check says so
    await expect
      .poll(() => page.locator('.problem-list li[data-code="INVALID_SETTING"]').count(), { timeout: 10_000 })
      .toBe(1);
    // and once fixed, it is quiet
    await days.fill('5');
    await expect.poll(() => page.locator('.problem-list__summary').textContent()).toContain('Aucun problème');

    // when they give the new step a form of its own, through the page
    await select(page, taskId);
    await page.getByRole('button', { name: /Nouveau formulaire pour la tâche choisie/ }).click();
    const formId = `contact-${taskId.toLowerCase().replace(/_/g, '-')}`;
    await page.locator('[data-testid="form-editor"] .fjs-editor-container').waitFor();
    await page.locator('[data-testid="form-preview"] .fjs-form').waitFor();
    expect(await page.locator(`.forms-panel li[data-form-id="${formId}"]`).textContent()).toContain(
      'Relire la réponse',
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'designer-04-form-editor.png'), fullPage: true });

    // and try the procedure in the browser
    await page.getByRole('button', { name: 'Démarrer l’essai' }).click();
    // then the acknowledgement reads as the citizen would get it, and the deadline's reminder waits its date
    await page.getByTestId('dry-run-scheduled').waitFor();
    expect(await page.getByTestId('dry-run-notifications').textContent()).toContain(
      'Accusé de réception — Contacter la mairie — XXXX-XXXX-XXXX',
    );
    expect(await page.getByTestId('dry-run-scheduled').textContent()).toContain(
      'Rappel : la demande XXXX-XXXX-XXXX arrive à échéance le',
    );
    await page.getByRole('button', { name: 'Terminer « Répondre »' }).click();
    await page.getByRole('button', { name: 'Terminer « Relire la réponse »' }).click();

    // then the path taken is shown on the diagram, with the tasks and messages it would cause
    await expect.poll(() => page.getByTestId('dry-run-status').textContent()).toContain('terminée');
    expect(await page.getByTestId('dry-run-path').textContent()).toContain(taskId);
    expect(await page.getByTestId('dry-run-tasks').textContent()).toContain(`formulaire : ${formId}`);
    expect(await page.getByTestId('dry-run-notifications').textContent()).toContain('Accusé de réception');
    expect(await page.locator(`.parvis-dry-run--taken[data-element-id="${taskId}"]`).count()).toBe(1);
    await checkPage(page, 'designer-05-dry-run');

    // when they publish
    await page.getByRole('button', { name: 'Publier une nouvelle version' }).click();

    // then version 2 exists
    await expect
      .poll(() => page.getByTestId('published').textContent(), { timeout: 20_000 })
      .toContain('Version 2 publiée');

    // and a citizen's new request runs on it, while the one filed before stays on version 1
    const after = await fileContactRequest(parvis.client(), 'apres-la-v2');
    const versionOf = async (request: { trackingCode: string; email: string }) =>
      (
        await parvis.client().data<{ request: { procedureVersion: number } }>(VERSION_OF, {
          code: request.trackingCode,
          email: request.email,
        })
      ).request.procedureVersion;
    expect(await versionOf(after)).toBe(2);
    expect(await versionOf(before)).toBe(1);
    const [stored] = await parvis.sql<{ forms: Record<string, unknown>; ir: { properties: Record<string, string> } }[]>`
      select forms, ir from procedure_versions where procedure_key = 'contact' and version = 2`;
    expect(Object.keys(stored!.forms).sort()).toEqual(['contact-answer', 'contact-form', formId].sort());
    expect(stored!.ir.properties['sla.businessDays']).toBe('5');

    // when they import a file that is not BPMN
    await page.locator('input[type="file"]').setInputFiles({
      name: 'notes.bpmn',
      mimeType: 'application/xml',
      buffer: Buffer.from('ceci n’est pas du BPMN'),
    });
    // then it is shown with its problems, and the diagram stays
    await page.getByText('Le fichier importé pose problème').waitFor();
    expect(await page.locator('.notice--error .problem-list').textContent()).toContain('XML');
    await shape(page, taskId).waitFor();

    // and a Parvis template makes a step send an e-mail, its inputs in the panel
    await select(page, taskId);
    await page.getByLabel('Modèle de tâche Parvis').selectOption('parvis.send-email');
    await page.getByRole('button', { name: 'Appliquer à l’élément choisi' }).click();
    await page.locator('.bio-properties-panel').getByText('Destinataire / To').first().waitFor({ state: 'attached' });
    await checkPage(page, 'designer-05b-template');

    // and the history compares the two versions
    await page.getByRole('link', { name: 'Retour à la démarche' }).click();
    await page.locator('tr[data-version="2"]').waitFor();
    expect(await page.locator('tr[data-version="2"]').textContent()).toContain('Alex Analyste');
    await page.getByRole('button', { name: 'Comparer' }).click();
    await page.getByTestId('diff-changes').waitFor();
    expect(await page.locator(`[data-testid="diff-changes"] li[data-kind="added"]`).allTextContents()).toContainEqual(
      expect.stringContaining(taskId),
    );
    await page.locator(`.parvis-diff--added[data-element-id="${taskId}"]`).waitFor();
    // and, under the diagram, the form the new step brought
    expect(await page.locator('[data-testid="diff-forms"] > li[data-kind="added"]').allTextContents()).toEqual([
      expect.stringContaining(formId),
    ]);
    await checkPage(page, 'designer-06-diff');
  });

  it('refuses to publish a model the engine cannot run, naming the element and why', async () => {
    // given an analyst
    const analyst = parvis.client();
    await analyst.data(SIGN_IN);
    const versions = async () =>
      (
        await parvis.sql<{ count: number }[]>`
          select count(*)::int as count from procedure_versions where procedure_key = 'contact'`
      )[0]!.count;
    const before = await versions();
    // when they deploy a model whose gateway leads nowhere
    const [current] = await parvis.sql<{ bpmn: string; forms: unknown }[]>`
      select bpmn, forms from procedure_versions where procedure_key = 'contact' order by version desc limit 1`;
    const broken = current!.bpmn.replace('</bpmn:process>', '<bpmn:exclusiveGateway id="Gw_Nowhere" /></bpmn:process>');
    const result = await analyst.request(DEPLOY, { input: { key: 'contact', bpmn: broken, forms: current!.forms } });
    // then it is refused, with the element and the reason
    const error = result.errors?.[0];
    expect(error?.extensions?.code).toBe('PROCEDURE_INVALID');
    expect(error?.extensions?.problems).toContainEqual(
      expect.objectContaining({ code: 'GATEWAY_WITHOUT_OUTGOING', elementId: 'Gw_Nowhere' }),
    );
    expect(error?.message).toContain('Gw_Nowhere');
    // and nothing was stored
    expect(await versions()).toBe(before);
    // and an agent who is not an analyst cannot deploy
    const agent = parvis.client();
    await agent.data(
      `mutation { signIn(municipality: "demo", email: "accueil@demoville.fr", password: "demo-accueil") { displayName } }`,
    );
    const refused = await agent.request(DEPLOY, {
      input: { key: 'contact', bpmn: current!.bpmn, forms: current!.forms },
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

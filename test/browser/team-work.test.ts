import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkPage, portalInChromium, signInAgent } from '../support/browser.ts';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import type { RunningParvis } from '../support/parvis.ts';

// Team work in the portal (issue 14, point 5), in Chromium: the head of the technical services
// assigns and reassigns a report's task, the roads agent declares an absence and their task goes
// back to the group, and the head acts on a selection of reports at once: assign, write to each
// citizen, close with one reply.

const SUBMIT = `mutation ($d: JSON!) { submitRequest(municipality: "demo", procedure: "signalement", data: $d) { trackingCode } }`;
const SIGN_IN = `mutation ($email: String!, $password: String!) { signIn(municipality: "demo", email: $email, password: $password) { id } }`;
const INBOX = '{ inbox: workQueue(filter: { scope: AVAILABLE }, first: 200) { id request { trackingCode } } }';
const CLAIM = 'mutation ($id: ID!) { claimTask(taskId: $id) { id } }';
const REQUEST = `query ($code: String!) { request(trackingCode: $code) { status heldBy
  tasks { status assigneeName } conversation { messages { text } } } }`;

const PHONE = { width: 375, height: 812 };

interface Seen {
  status: string;
  heldBy: string[];
  tasks: { status: string; assigneeName: string | null }[];
  conversation: { messages: { text: string }[] };
}

describe('team work in Chromium: assigning, absences, bulk actions', () => {
  let parvis: RunningParvis;
  let browser: Browser;
  let head: GraphqlClient;
  const potholes: string[] = [];

  portalInChromium((started) => ({ parvis, browser } = started));

  const report = async (message: string) =>
    (
      await parvis.client().data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
        d: { categorie: 'chaussee', message, email: 'riverain@example.fr' },
      })
    ).submitRequest.trackingCode;
  const signedIn = async (email: string, password: string) => {
    const client = parvis.client();
    await client.data(SIGN_IN, { email, password });
    return client;
  };
  const seen = async (code: string) => (await head.data<{ request: Seen }>(REQUEST, { code })).request;
  async function agentPage(email: string, password: string) {
    const page = await (
      await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } })
    ).newPage();
    await signInAgent(page, parvis.url, email, password);
    return page;
  }
  const holderOf = (page: Page) => page.locator('.request-tasks__task').first().locator('.request-tasks__holder');

  it('the head of service assigns a report’s task to an agent, then reassigns it', { timeout: 240_000 }, async () => {
    // given three pothole reports, their tasks open for the roads group
    head = await signedIn('technique@demoville.fr', 'demo-technique');
    for (const place of ['rue de la Gare', 'avenue Jaurès', 'place du Marché'])
      potholes.push(await report(`Nid-de-poule ${place}`));
    for (const code of potholes)
      await eventually(async () => ((await seen(code)).tasks.length ? true : undefined), 60_000);

    // when the head of the technical services opens the first report and assigns its task to Sacha
    const manager = await agentPage('technique@demoville.fr', 'demo-technique');
    await manager.goto(`${parvis.url}/agent/demandes/${potholes[0]}`);
    await expect.poll(() => holderOf(manager).textContent()).toBe('Ses groupes : voirie');
    await manager.getByLabel('Attribuer à').selectOption({ label: 'Sacha Voirie' });
    await manager.getByRole('button', { name: /^Attribuer/ }).click();

    // then the page says so and the task is Sacha's
    await manager.getByRole('status').filter({ hasText: 'attribuée à Sacha Voirie' }).waitFor({ state: 'attached' });
    await expect.poll(() => holderOf(manager).textContent()).toBe('Sacha Voirie');
    expect((await seen(potholes[0]!)).heldBy).toEqual(['Sacha Voirie']);
    await checkPage(manager, 'team-01-assigned');

    // when they reassign it to themselves
    await manager.getByLabel('Attribuer à').selectOption({ label: 'Morgan Services-Techniques' });
    await manager.getByRole('button', { name: /^Réattribuer/ }).click();
    // then it is theirs
    await expect.poll(() => holderOf(manager).textContent()).toBe('Moi');
    expect((await seen(potholes[0]!)).heldBy).toEqual(['Morgan Services-Techniques']);

    // when they give it back to the group
    await manager.getByRole('button', { name: /^Rendre au groupe/ }).click();
    await expect.poll(() => holderOf(manager).textContent()).toBe('Ses groupes : voirie');
  });

  it('an agent declares an absence: their open task goes back to the group, and they see it listed', {
    timeout: 120_000,
  }, async () => {
    // given Sacha holds the second report's task
    const sacha = await signedIn('voirie@demoville.fr', 'demo-voirie');
    const taskId = await eventually(async () => {
      const { inbox } = await sacha.data<{ inbox: { id: string; request: { trackingCode: string } }[] }>(INBOX);
      return inbox.find((t) => t.request.trackingCode === potholes[1])?.id;
    });
    await sacha.data(CLAIM, { id: taskId });
    expect((await seen(potholes[1]!)).heldBy).toEqual(['Sacha Voirie']);

    // when Sacha declares, from the menu, an absence from now to tomorrow evening
    const page = await agentPage('voirie@demoville.fr', 'demo-voirie');
    await page.getByRole('link', { name: 'Absences', exact: true }).click();
    await page.getByRole('heading', { name: 'Mes absences' }).waitFor();
    const local = (date: Date) =>
      new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await page.getByLabel('Du', { exact: true }).fill(local(new Date(Date.now() - 60_000)));
    await page.getByLabel('Au', { exact: true }).fill(local(new Date(Date.now() + 36 * 3_600_000)));
    await page.getByLabel(/^Motif/).fill('Formation');
    await page.getByRole('button', { name: 'Enregistrer l’absence' }).click();

    // then it is listed as current, and the task is no longer Sacha's but the group's again
    await page.getByRole('status').filter({ hasText: 'Absence enregistrée.' }).waitFor({ state: 'attached' });
    const listed = page.locator('.absence-list li');
    await expect.poll(() => listed.count()).toBe(1);
    expect(await listed.textContent()).toContain('en cours');
    expect(await listed.textContent()).toContain('Formation');
    expect((await seen(potholes[1]!)).heldBy).toEqual([]);
    await checkPage(page, 'team-02-absence');

    // and the head of service sees Sacha away when assigning
    const manager = await agentPage('technique@demoville.fr', 'demo-technique');
    await manager.goto(`${parvis.url}/agent/demandes/${potholes[1]}`);
    await expect
      .poll(() => manager.getByLabel('Attribuer à').locator('option').allTextContents())
      .toContain('Sacha Voirie (absent·e)');

    // and on a phone the page reads without scrolling sideways
    await page.setViewportSize(PHONE);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await checkPage(page, 'team-02-absence-375');

    // when Sacha is back early and cancels the absence, then none is listed
    await page.getByRole('button', { name: /^Annuler cette absence/ }).click();
    await page.getByText('Aucune absence en cours ou à venir.').waitFor();
  });

  it('the head of service acts on a selection: assigns, writes to each citizen, closes with one reply', {
    timeout: 300_000,
  }, async () => {
    // given the list of pothole reports, the three of them ticked
    const manager = await agentPage('technique@demoville.fr', 'demo-technique');
    await manager.goto(`${parvis.url}/agent/demandes?demarche=signalement`);
    for (const code of potholes) await manager.locator(`tr[data-tracking-code="${code}"]`).waitFor();
    for (const code of potholes) await manager.getByLabel(`Choisir la demande ${code}`).check();
    await manager.getByText('3 demande(s) choisie(s).').waitFor();

    // when they assign their open tasks to Sacha
    await manager.getByLabel('Action', { exact: true }).selectOption({ label: 'Attribuer leurs tâches ouvertes' });
    await manager.locator('.bulk-actions').getByLabel('Attribuer à').selectOption({ label: 'Sacha Voirie' });
    await manager.getByRole('button', { name: 'Appliquer' }).click();
    // then each is done, and the list shows who holds them
    await manager.getByText('3 demande(s) traitée(s), 0 refusée(s).').waitFor();
    for (const code of potholes) expect((await seen(code)).heldBy).toEqual(['Sacha Voirie']);
    await expect
      .poll(() => manager.locator(`tr[data-tracking-code="${potholes[2]}"]`).textContent())
      .toContain('Sacha Voirie');
    await checkPage(manager, 'team-03-bulk-assigned');

    // when they write one message to each citizen (the selection stays)
    await manager.getByLabel('Action', { exact: true }).selectOption({ label: 'Écrire à chaque habitant' });
    await manager.getByLabel(/^Message/).fill('Nos équipes interviennent cette semaine dans votre rue.');
    await manager.getByRole('button', { name: 'Envoyer' }).click();
    await manager.getByText('3 demande(s) traitée(s), 0 refusée(s).').waitFor();
    // then each request's conversation holds it
    for (const code of potholes)
      expect((await seen(code)).conversation.messages.map((m) => m.text)).toContain(
        'Nos équipes interviennent cette semaine dans votre rue.',
      );

    // when they close the three with one reply: the step's own form, filled once
    await manager.getByLabel('Action', { exact: true }).selectOption({ label: 'Clore avec une réponse' });
    await manager.getByText('attendent la même étape « Intervenir sur la voirie »').waitFor();
    await manager.getByRole('radio', { name: 'Réparé ou nettoyé' }).check();
    await manager
      .getByRole('textbox', { name: "Commentaire pour l'habitant" })
      .fill('Le trou a été rebouché ce matin.');
    await checkPage(manager, 'team-04-bulk-close');
    await manager.getByRole('button', { name: 'Clore avec une réponse' }).click();

    // then each is done, and each report closes, its citizen told
    await manager.getByText('3 demande(s) traitée(s), 0 refusée(s).').waitFor({ timeout: 60_000 });
    for (const code of potholes)
      await eventually(async () => ((await seen(code)).status === 'closed' ? true : undefined), 60_000);
    await checkPage(manager, 'team-05-bulk-closed');
    // and on a phone, the selection's actions and their outcomes fit the screen
    await manager.setViewportSize(PHONE);
    expect(await manager.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await checkPage(manager, 'team-06-bulk-375');
  });
});

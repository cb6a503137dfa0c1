import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkPage, inboxRow, portalInChromium, signInAgent } from '../support/browser.ts';
import { eventually } from '../support/graphql-client.ts';
import type { RunningParvis } from '../support/parvis.ts';

// Every request findable (issue 14, point 3) and phones (point 10), in Chromium: an agent finds a
// closed request by its code and by its words, keeps a filtered view in the address, exports it as
// CSV and ODS, and reads the whole request on its page — at 1280 and at 375 pixels, where the
// inbox, the task page and the request page must not scroll sideways.

const SUBMIT = `mutation ($p: String!, $d: JSON!) { submitRequest(municipality: "demo", procedure: $p, data: $d) { trackingCode } }`;
const SIGN_IN = `mutation ($email: String!, $password: String!) { signIn(municipality: "demo", email: $email, password: $password) { id } }`;
const INBOX = '{ inbox: workQueue(filter: { scope: AVAILABLE }, first: 200) { id request { trackingCode } } }';
const COMPLETE = 'mutation ($id: ID!, $data: JSON) { completeTask(taskId: $id, data: $data) { status } }';
const STATUS = 'query ($code: String!) { request(trackingCode: $code) { status } }';

const PHONE = { width: 375, height: 812 };

describe('the request list and the request page in Chromium', () => {
  let parvis: RunningParvis;
  let browser: Browser;
  const codes: Record<string, string> = {};

  portalInChromium((started) => ({ parvis, browser } = started));

  const file = async (procedure: string, data: Record<string, unknown>) =>
    (await parvis.client().data<{ submitRequest: { trackingCode: string } }>(SUBMIT, { p: procedure, d: data }))
      .submitRequest.trackingCode;

  /** A demo agent's page, signed in, at a width. */
  async function agentPage(email: string, password: string, viewport = { width: 1280, height: 900 }) {
    const page = await (await browser.newContext({ locale: 'fr-FR', viewport, acceptDownloads: true })).newPage();
    await signInAgent(page, parvis.url, email, password);
    return page;
  }
  const rows = (page: Page) => page.locator('table.request-list tbody tr');
  const listed = (page: Page) =>
    rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-tracking-code')));
  /** Whether the page is as wide as the phone: nothing to scroll sideways (WCAG 1.4.10). */
  const noSidewaysScroll = async (page: Page) =>
    (await page.evaluate(() => document.documentElement.scrollWidth)) <= PHONE.width;

  /** The front desk answers a citizen's question: the request closes and leaves every inbox. */
  async function answeredQuestion() {
    const code = await file('contact', {
      subject: 'Médiathèque',
      message: 'La médiathèque ouvre-t-elle le dimanche après-midi ?',
      email: 'lectrice@example.fr',
    });
    const accueil = parvis.client();
    await accueil.data(SIGN_IN, { email: 'accueil@demoville.fr', password: 'demo-accueil' });
    const taskId = await eventually(async () => {
      const { inbox } = await accueil.data<{ inbox: { id: string; request: { trackingCode: string } }[] }>(INBOX);
      return inbox.find((t) => t.request.trackingCode === code)?.id;
    }, 60_000);
    await accueil.data(COMPLETE, { id: taskId, data: { answer: 'Oui, de 14 h à 18 h.' } });
    await eventually(async () =>
      (await accueil.data<{ request: { status: string } }>(STATUS, { code })).request.status === 'closed'
        ? true
        : undefined,
    );
    return code;
  }

  it('an agent finds a closed request by its code and by its words, and keeps the view in the address', {
    timeout: 240_000,
  }, async () => {
    // given a question the front desk answered (closed), and another still open
    codes.closed = await answeredQuestion();
    codes.open = await file('contact', {
      subject: 'Encombrants',
      message: 'Quel jour passe le camion des encombrants rue des Lilas ?',
      email: 'voisin@example.fr',
    });

    // when the front-desk agent opens the list of requests from the menu
    const agent = await agentPage('accueil@demoville.fr', 'demo-accueil');
    await agent.getByRole('link', { name: 'Demandes', exact: true }).click();
    await agent.waitForURL(`${parvis.url}/agent/demandes`);
    await expect.poll(() => listed(agent)).toEqual(expect.arrayContaining([codes.closed, codes.open]));

    // and searches the closed one's code, typed as a citizen reads it out
    await agent
      .getByLabel('Code de suivi ou mots de la demande')
      .fill(codes.closed!.toLowerCase().replaceAll('-', ' '));
    await agent.getByRole('button', { name: 'Filtrer', exact: true }).click();
    // then it comes alone, closed, with the day it closed
    await expect.poll(() => listed(agent)).toEqual([codes.closed]);
    const row = rows(agent).first();
    expect(await row.textContent()).toContain('Close');
    expect(await row.textContent()).toMatch(/close le \d+/);
    await checkPage(agent, 'request-list-01-by-code');

    // when they search words of it instead, stemmed ("dimanches" finds "dimanche")
    await agent.getByLabel('Code de suivi ou mots de la demande').fill('médiathèque dimanches');
    await agent.getByRole('button', { name: 'Filtrer', exact: true }).click();
    await expect.poll(() => agent.url()).toContain('q=m%C3%A9diath%C3%A8que+dimanches');
    await expect.poll(() => listed(agent)).toEqual([codes.closed]);

    // when they clear the words and keep the closed requests
    await agent.getByRole('button', { name: 'Effacer les filtres' }).click();
    await agent.getByLabel('Statut').selectOption('closed');
    await expect.poll(() => agent.url()).toContain('statut=closed');
    await expect.poll(() => listed(agent)).toEqual([codes.closed]);

    // then a reload, and a colleague's browser given the address, show the same list
    await agent.reload();
    await expect.poll(() => listed(agent)).toEqual([codes.closed]);
    expect(await agent.getByLabel('Statut').inputValue()).toBe('closed');
    const shared = agent.url();
    const manager = await agentPage('manager@demoville.fr', 'demo-manager');
    await manager.goto(shared);
    await expect.poll(() => listed(manager)).toContain(codes.closed);
    expect(await manager.getByLabel('Statut').inputValue()).toBe('closed');
    await checkPage(agent, 'request-list-02-closed-filter');
  });

  it('exports the filtered list as CSV and as an OpenDocument spreadsheet', { timeout: 120_000 }, async () => {
    // given the manager's list of closed requests
    const manager = await agentPage('manager@demoville.fr', 'demo-manager');
    await manager.goto(`${parvis.url}/agent/demandes?statut=closed`);
    await expect.poll(() => listed(manager)).toContain(codes.closed);

    // when they download the CSV
    const [csvDownload] = await Promise.all([
      manager.waitForEvent('download'),
      manager.getByRole('link', { name: 'Tableur CSV' }).click(),
    ]);
    // then it has a French heading and the closed request's row, in words, and no open request
    expect(csvDownload.suggestedFilename()).toMatch(/^parvis-demandes-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await csvDownload.path())!, 'utf8').replace(/^\ufeff/, '');
    expect(csv.split('\r\n')[0]).toBe(
      'Code de suivi,Démarche,Canal,Statut,Déposée le,Échéance,Délai,Close le,Tenue par,Groupes,Latitude,Longitude',
    );
    expect(csv).toMatch(new RegExp(`${codes.closed},[^,]+,Internet,Close,`));
    expect(csv).not.toContain(codes.open);

    // when they download the ODS
    const [odsDownload] = await Promise.all([
      manager.waitForEvent('download'),
      manager.getByRole('link', { name: 'Classeur OpenDocument (ODS)' }).click(),
    ]);
    expect(odsDownload.suggestedFilename()).toMatch(/\.ods$/);
    // then its content.xml holds the closed request's row
    const files = unzipSync(new Uint8Array(readFileSync((await odsDownload.path())!)));
    expect(strFromU8(files.mimetype!)).toBe('application/vnd.oasis.opendocument.spreadsheet');
    const content = strFromU8(files['content.xml']!);
    const row = content.match(
      new RegExp(`<table:table-row><table:table-cell[^>]*><text:p>${codes.closed}</text:p>.*?</table:table-row>`),
    )?.[0];
    expect(row).toContain('<text:p>Close</text:p>');
    expect(row).toContain('<text:p>Internet</text:p>');
    expect(content).not.toContain(codes.open);
  });

  it('shows the whole request on its page, words and all, at 1280 and at 375 pixels', {
    timeout: 180_000,
  }, async () => {
    // given a pothole report with its place
    codes.pothole = await file('signalement', {
      categorie: 'chaussee',
      message: 'Nid-de-poule profond devant l’école',
      latitude: 48.853,
      longitude: 2.3499,
      address: '3 rue de l’École',
      email: 'parent@example.fr',
    });

    // when the roads agent finds it in the list and opens it
    const agent = await agentPage('voirie@demoville.fr', 'demo-voirie');
    await agent.goto(`${parvis.url}/agent/demandes?q=${codes.pothole}`);
    await expect
      .poll(
        async () => {
          if ((await rows(agent).count()) === 0) await agent.reload();
          return listed(agent);
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toEqual([codes.pothole]);
    await agent.getByRole('link', { name: codes.pothole }).click();
    await agent.waitForURL(`${parvis.url}/agent/demandes/${codes.pothole}`);

    // then the page says it in words: the category's label, the address, the channel, who holds its task
    await agent.locator('.request-data').waitFor();
    const data = await agent.locator('.request-data').textContent();
    expect(data).toContain('Nid-de-poule, chaussée ou trottoir abîmé');
    expect(data).not.toMatch(/\bchaussee\b/);
    expect(data).toContain('3 rue de l’École');
    expect(await agent.locator('.request-page').textContent()).toContain('Internet');
    const task = agent.locator('.request-tasks__task').first();
    await expect.poll(() => task.textContent()).toContain('Ses groupes : voirie');
    expect(await task.getByRole('link').count()).toBe(1);
    expect(await agent.locator('.timeline__event').count()).toBeGreaterThan(0);
    await checkPage(agent, 'request-page-01-1280');

    // and on a phone, the same page reads without scrolling sideways
    await agent.setViewportSize(PHONE);
    await agent.reload();
    await agent.locator('.request-tasks__task').first().waitFor();
    expect(await noSidewaysScroll(agent)).toBe(true);
    await checkPage(agent, 'request-page-02-375');

    // and so does the list
    await agent.goto(`${parvis.url}/agent/demandes`);
    await expect.poll(() => listed(agent)).toContain(codes.pothole);
    expect(await noSidewaysScroll(agent)).toBe(true);
    await checkPage(agent, 'request-list-03-375');
  });

  it('on a 375-pixel phone, the inbox and the task page fit: the claim button is on screen', {
    timeout: 120_000,
  }, async () => {
    // given the roads agent on a phone, with the pothole in their inbox
    const agent = await agentPage('voirie@demoville.fr', 'demo-voirie', PHONE);
    const row = await inboxRow(agent, codes.pothole!);

    // then the inbox does not scroll sideways, and the claim button is within the screen
    expect(await noSidewaysScroll(agent)).toBe(true);
    const claim = row.getByRole('button', { name: /^Prendre/ });
    const box = (await claim.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    await checkPage(agent, 'phone-01-inbox');

    // when they claim it, then open its task
    await claim.click();
    await agent.getByRole('status').filter({ hasText: 'prise' }).waitFor({ state: 'attached' });
    await row.getByRole('link', { name: 'Intervenir sur la voirie' }).click();
    await agent
      .getByRole('heading', { name: /Intervenir sur la voirie/ })
      .first()
      .waitFor();
    await agent.locator('.fjs-form').waitFor();
    // then the task page, its form included, fits the phone too
    expect(await noSidewaysScroll(agent)).toBe(true);
    await checkPage(agent, 'phone-02-task');
  });
});

import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkPage, portalInChromium, signInAgent } from '../support/browser.ts';
import { fileContactRequest, signInAccueil, tasksInInbox } from '../support/contact-requests.ts';
import { eventually } from '../support/graphql-client.ts';
import type { RunningParvis } from '../support/parvis.ts';

// Issue 21, point 3 in Chromium: the manager opens « Où attendent les demandes », sees the contact
// procedure's diagram coloured where its requests waited, the same figures in words, the step where
// a deadline was missed, the load per group and agent, downloads the CSV; a period with no data is
// said so — at 1280 and at 375 pixels, axe clean.

const COMPLETE = `mutation ($id: ID!) { completeTask(taskId: $id, data: { answer: "C'est fait." }) { status } }`;
const PHONE = { width: 375, height: 812 };

describe('where requests wait, on the diagram, in Chromium', () => {
  let parvis: RunningParvis;
  let browser: Browser;

  portalInChromium((started) => ({ parvis, browser } = started));

  it('colours the steps where requests waited and says the same in words', { timeout: 240_000 }, async () => {
    // given three contact requests, two answered in 3 and 5 hours, the second after its deadline
    const citizen = parvis.client();
    const codes: string[] = [];
    for (const label of ['attente-1', 'attente-2', 'attente-3'])
      codes.push((await fileContactRequest(citizen, label)).trackingCode);
    const agent = parvis.client();
    await signInAccueil(agent);
    const tasks = await tasksInInbox(
      agent,
      codes.map((trackingCode) => ({ trackingCode, email: '' })),
    );
    for (const code of codes.slice(0, 2)) await agent.data(COMPLETE, { id: tasks.get(code) });
    await eventually(async () => {
      const [row] = await parvis.sql<{ n: number }[]>`select count(*)::int as n from requests
        where tracking_code in ${parvis.sql(codes.slice(0, 2))} and status = 'closed'`;
      return row!.n === 2 ? true : undefined;
    }, 90_000);
    for (const [code, hours] of [
      [codes[0]!, 3],
      [codes[1]!, 5],
    ] as const) {
      await parvis.sql`update tasks t set opened_at = t.closed_at - make_interval(hours => ${hours}),
          due_at = case when ${hours} = 5 then t.closed_at - interval '1 hour' end
        from requests r where r.id = t.request_id and r.tracking_code = ${code}`;
    }

    // when the manager opens the page
    const page = await (await browser.newContext({ locale: 'fr-FR', acceptDownloads: true })).newPage();
    await signInAgent(page, parvis.url, 'manager@demoville.fr', 'demo-manager');
    await page.goto(`${parvis.url}/responsable`);
    await page.getByRole('link', { name: 'Où attendent les demandes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Où attendent les demandes' }).waitFor();
    await page.getByRole('combobox', { name: 'Démarche' }).selectOption({ label: 'Contacter la mairie' });
    await page.getByRole('button', { name: 'Afficher' }).click();

    // then the Answer step is drawn hot, with its count and median time pinned on it
    const answer = page.locator('[data-element-id="Answer"]').first();
    await expect.poll(() => answer.getAttribute('class'), { timeout: 30_000 }).toContain('diagram--heat-high');
    await expect.poll(() => page.locator('.diagram-badge').first().textContent()).toBe('3 · méd. 4 h');
    // and the table says the same in words, with the deadline missed
    const row = page.locator('tr[data-element="Answer"]');
    expect((await row.locator('th, td').allTextContents()).map((c) => c.trim())).toEqual([
      'Répondre',
      '3',
      '1',
      '4 h',
      '4,8 h',
      '1',
    ]);
    expect(await page.locator('#missed-title + ul').textContent()).toContain(
      'Répondre : 1 délai(s) dépassé(s) sur 3 passage(s)',
    );
    expect((await page.locator('[data-table="groups"] tbody tr').allTextContents())[0]).toContain('accueil');
    expect((await page.locator('[data-table="agents"] tbody tr').allTextContents())[0]).toContain('Camille Accueil');
    await checkPage(page, 'waiting-01-heatmap-1280');

    // and the CSV holds the same figures
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger les chiffres (CSV)' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toContain('element,Answer,Répondre,3,1,,,4,4.8,1');

    // and on a phone the page still reads, the tables scroll within their frame
    // (opened there: the diagram fits the width it is first drawn at)
    await page.setViewportSize(PHONE);
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Étapes', exact: true }).waitFor();
    await expect.poll(() => page.locator('.diagram-badge').first().textContent()).toBe('3 · méd. 4 h');
    const box = await page.locator('[data-element-id="Answer"]').first().boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await checkPage(page, 'waiting-02-heatmap-375');

    // when they ask for a period with no request, they are told so, in words
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel('Du', { exact: true }).fill('2020-01-01');
    await page.getByLabel('Au', { exact: true }).fill('2020-01-31');
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page
      .getByText(
        /^Aucune demande de « Contacter la mairie » \(version \d+\) n'est passée par une étape du 2020-01-01 au 2020-01-31/,
      )
      .waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-table="elements"]').count()).toBe(0);
    await checkPage(page, 'waiting-03-empty-period');
  });
});

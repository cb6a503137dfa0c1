import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkPage, portalInChromium, signInAgent } from '../support/browser.ts';
import { eventually } from '../support/graphql-client.ts';
import type { RunningParvis } from '../support/parvis.ts';

// Issue 14, point 7 in Chromium: a citizen about to report a pothole sees the open report of the
// same kind a few metres away and follows it instead; the roads team merges a duplicate into the
// main report from its page. At 1280 and 375 pixels wide.

/** Where the citizen's device says they stand, and where the first report was placed: one place per width. */
const HERE: Record<number, { latitude: number; longitude: number }> = {
  1280: { latitude: 48.853, longitude: 2.3499 },
  375: { latitude: 48.853, longitude: 2.3599 },
};
/** Where the duplicate story happens, 700 m apart for each width. */
const LONGITUDE: Record<number, number> = { 1280: 2.34, 375: 2.35 };
const SUBMIT = `mutation ($data: JSON!) { submitRequest(municipality: "demo", procedure: "signalement", data: $data) { trackingCode } }`;

async function fitsWidth(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

describe('duplicates in the browser: follow a nearby report, merge a duplicate', () => {
  let parvis: RunningParvis;
  let browser: Browser;

  portalInChromium((started) => ({ parvis, browser } = started));

  const report = async (email: string, place: { latitude: number; longitude: number }) => {
    const { submitRequest } = await parvis.client().data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
      data: {
        categorie: 'chaussee',
        message: 'Signalé par Jean Dupont : un trou profond sur la chaussée.',
        address: '4 avenue des Tilleuls',
        ...place,
        email,
      },
    });
    await eventually(async () => {
      const [row] = await parvis.sql`select 1 from tasks t join requests r on r.id = t.request_id
        where r.tracking_code = ${submitRequest.trackingCode} and t.status = 'open'`;
      return row;
    }, 60_000);
    return submitRequest.trackingCode;
  };

  for (const width of [1280, 375])
    it(`at ${width} px, a citizen sees the open pothole report nearby and follows it instead of filing theirs`, {
      timeout: 240_000,
    }, async () => {
      // given an open pothole report where the citizen stands
      const first = await report(`ana.${width}@example.fr`, HERE[width]!);

      // when the citizen starts reporting a pothole and uses their position
      const context = await browser.newContext({
        locale: 'fr-FR',
        viewport: { width, height: 900 },
        geolocation: HERE[width],
        permissions: ['geolocation'],
      });
      const page = await context.newPage();
      await page.goto(`${parvis.url}/demarches/signalement`);
      // the map loads as they scroll to the place's fields
      await page.locator('.form-place').scrollIntoViewIfNeeded({ timeout: 60_000 });
      await page.getByRole('application', { name: 'Carte : Lieu du problème' }).waitFor({ timeout: 60_000 });
      await page.locator('.fjs-form-field-select .fjs-input-group').click();
      await page.locator('.fjs-dropdownlist-item', { hasText: 'Nid-de-poule' }).click();
      await page.getByRole('button', { name: 'Utiliser ma position' }).click();
      await page.getByRole('textbox', { name: 'Votre adresse e-mail', exact: true }).fill(`bruno.${width}@example.fr`);

      // then before sending, they see it: its kind in words, how far, since when — nothing of its author
      const panel = page.getByTestId('nearby-reports');
      await panel.getByText('Déjà signalé près d’ici ?').waitFor({ timeout: 30_000 });
      await expect.poll(() => panel.locator('li').count()).toBeGreaterThanOrEqual(1);
      const shown = (await panel.textContent()) ?? '';
      expect(shown).toContain('Nid-de-poule, chaussée ou trottoir abîmé');
      expect(shown).toMatch(/à \d+ m · signalé le \d{1,2} \S+ \d{4} · En cours de traitement/);
      for (const personal of ['Jean Dupont', 'ana.', '4 avenue des Tilleuls', first])
        expect(shown).not.toContain(personal);
      await panel.scrollIntoViewIfNeeded();
      if (width === 375) await fitsWidth(page, 375);
      await checkPage(page, `duplicates-01-nearby-${width}`);

      // when they follow it, with the address they typed in the form
      await panel.getByRole('button', { name: 'Suivre ce signalement' }).first().click();
      await expect(panel.getByLabel('Votre adresse e-mail').inputValue()).resolves.toBe(`bruno.${width}@example.fr`);
      await panel.getByRole('button', { name: 'Suivre', exact: true }).click();

      // then they are told they will hear when it is solved, and the town hall holds them as a follower
      await panel.getByText('C’est noté : vous serez prévenu(e) par e-mail').waitFor();
      if (width === 375) await fitsWidth(page, 375);
      await checkPage(page, `duplicates-02-followed-${width}`);
      const [follower] = await parvis.sql`select f.email from request_followers f join requests r on r.id = f.request_id
        where r.tracking_code = ${first}`;
      expect(follower).toEqual({ email: `bruno.${width}@example.fr` });
      await context.close();
    });

  for (const width of [1280, 375])
    it(`at ${width} px, the roads team merges a duplicate into the main report from its page`, {
      timeout: 240_000,
    }, async () => {
      // given a main report and the same pothole reported again 10 m away
      const main = await report(`carla.${width}@example.fr`, { latitude: 48.86, longitude: LONGITUDE[width]! });
      const duplicate = await report(`dan.${width}@example.fr`, { latitude: 48.86009, longitude: LONGITUDE[width]! });

      // when the roads agent opens the main report's page
      const page = await (await browser.newContext({ locale: 'fr-FR', viewport: { width, height: 900 } })).newPage();
      await signInAgent(page, parvis.url, 'voirie@demoville.fr', 'demo-voirie');
      await page.goto(`${parvis.url}/agent/demandes/${main}`);
      const panel = page.getByTestId('duplicates-panel');
      await panel.getByRole('heading', { name: 'Doublons probables' }).waitFor({ timeout: 30_000 });

      // then the duplicate is listed, in words, with its distance
      await expect.poll(() => panel.textContent()).toContain(duplicate);
      expect(await panel.textContent()).toMatch(/Nid-de-poule, chaussée ou trottoir abîmé\s*à 10 m/);
      if (width === 375) await fitsWidth(page, 375);
      await checkPage(page, `duplicates-03-likely-${width}`);

      // when they merge it, confirming
      await panel.getByRole('button', { name: `Rattacher ${duplicate} à cette demande` }).click();
      await panel.getByRole('button', { name: 'Oui, rattacher' }).click();

      // then it is merged and closed, its author told, and listed among this report's duplicates
      await panel.getByText(`${duplicate} est rattachée à cette demande et close`).waitFor({ timeout: 30_000 });
      await expect.poll(() => panel.textContent()).toContain(`Doublons rattachés à cette demande : ${duplicate}`);
      await eventually(async () =>
        parvis.smtp.messages().find((m) => m.to.includes(`dan.${width}@example.fr`) && m.subject.includes(main)),
      );
      if (width === 375) await fitsWidth(page, 375);
      await checkPage(page, `duplicates-04-merged-${width}`);

      // and the duplicate's page says where it went
      await page.goto(`${parvis.url}/agent/demandes/${duplicate}`);
      await page
        .getByTestId('duplicates-panel')
        .getByText('Cette demande a été rattachée le')
        .waitFor({ timeout: 30_000 });
      await checkPage(page, `duplicates-05-duplicate-page-${width}`);
    });
});

import { readFileSync } from 'node:fs';
import { upsertAgent } from '@parvis/graphql';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPage, portalInChromium, signInAgent } from '../support/browser.ts';
import type { RunningParvis } from '../support/parvis.ts';

// Issue 16, point 6, as the town's data-protection officer and its administrator do it in Chromium:
// a person who filed a request without an account found by e-mail, exported as JSON and PDF, then
// erased; a search that is neither an e-mail nor a phone; the register of processing activities;
// retention periods, a wrong one refused, then one set. At 1280 px and on a 375 px phone.

const DPO = { email: 'dpo@demoville.fr', password: 'demo-dpo-password' };
const ADMIN = { email: 'admin@demoville.fr', password: 'demo-admin-password' };
const SIZES = { desk: { width: 1280, height: 900 }, phone: { width: 375, height: 812 } };

describe('the data-protection officer in Chromium: people, register, retention', () => {
  let parvis: RunningParvis;
  let browser: Browser;

  portalInChromium((started) => ({ parvis, browser } = started));
  beforeAll(async () => {
    await upsertAgent(parvis.sql, {
      municipalityId: 'demo',
      ...DPO,
      displayName: 'Dominique Protection',
      roles: ['dpo'],
      groups: [],
    });
    await upsertAgent(parvis.sql, {
      municipalityId: 'demo',
      ...ADMIN,
      displayName: 'Ada Admin',
      roles: ['administrator'],
      groups: [],
    });
    // two people who wrote to the town hall from the portal, without an account
    for (const name of ['lucie.desk', 'lucie.phone'])
      await parvis
        .client()
        .data(
          'mutation ($d: JSON!) { submitRequest(municipality: "demo", procedure: "contact", data: $d) { trackingCode } }',
          {
            d: { subject: 'Cantine', message: `Bonjour, ici ${name}.`, email: `${name}@example.fr` },
          },
        );
  });

  async function signedIn(size: keyof typeof SIZES, who: typeof DPO): Promise<Page> {
    const page = await (
      await browser.newContext({ locale: 'fr-FR', viewport: SIZES[size], acceptDownloads: true })
    ).newPage();
    await signInAgent(page, parvis.url, who.email, who.password);
    return page;
  }

  for (const size of ['desk', 'phone'] as const) {
    it(`finds a person without an account, exports and erases them (${size})`, { timeout: 180_000 }, async () => {
      const email = `lucie.${size}@example.fr`;
      // given the officer on their screen, reached from the header
      const page = await signedIn(size, DPO);
      if (size === 'desk') await page.getByRole('link', { name: 'Protection des données' }).first().click();
      else await page.goto(`${parvis.url}/administration/protection-des-donnees`);
      await page.getByRole('heading', { name: 'Données des personnes' }).waitFor();

      // when they type a name instead of an address, they are told what to type
      await page.getByLabel('Adresse e-mail ou numéro de téléphone').fill('Lucie');
      await page.getByRole('button', { name: 'Rechercher' }).click();
      await expect
        .poll(() => page.locator('.field__error').textContent())
        .toContain("n'est ni une adresse e-mail ni un numéro de téléphone");
      await checkPage(page, `data-protection-bad-search-${size}`);

      // when they search the address
      await page.getByLabel('Adresse e-mail ou numéro de téléphone').fill(email);
      await page.getByRole('button', { name: 'Rechercher' }).click();
      const card = page.getByRole('listitem').filter({ hasText: email });
      await card.waitFor();
      await expect.poll(() => card.textContent()).toMatch(/sans compte.*1 demande/);
      await checkPage(page, `data-protection-person-${size}`);

      // then the JSON export holds what they wrote
      const [json] = await Promise.all([
        page.waitForEvent('download'),
        card.getByRole('button', { name: 'Exporter (JSON)' }).click(),
      ]);
      const exported = JSON.parse(readFileSync((await json.path())!, 'utf8')) as {
        requests: { data: { message: string } }[];
      };
      expect(exported.requests[0]?.data.message).toBe(`Bonjour, ici lucie.${size}.`);
      // and the PDF export is a PDF
      const [pdf] = await Promise.all([
        page.waitForEvent('download'),
        card.getByRole('link', { name: 'Exporter (PDF)' }).click(),
      ]);
      expect(pdf.suggestedFilename()).toMatch(/^donnees-personnelles-.*\.pdf$/);
      expect(
        readFileSync((await pdf.path())!)
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');

      // when they erase them, confirming
      await card.getByRole('button', { name: 'Effacer…' }).click();
      // the question takes the focus
      await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^erase-question-/);
      await checkPage(page, `data-protection-confirm-${size}`);
      await page.getByRole('button', { name: 'Oui, effacer définitivement' }).click();
      // then the screen says so, and the card shows the date instead of the actions
      await page.locator('.notice--success').filter({ hasText: 'La personne a été effacée.' }).waitFor();
      await expect.poll(() => page.getByRole('listitem').filter({ hasText: 'effacée le' }).count()).toBe(1);
      expect(await page.getByRole('button', { name: 'Exporter (JSON)' }).count()).toBe(0);
      const [row] = await parvis.sql`select count(*)::int as n from requests where citizen_email = ${email}`;
      expect(row?.n).toBe(0);
    });

    it(`shows the register of processing activities (${size})`, { timeout: 120_000 }, async () => {
      const page = await signedIn(size, DPO);
      await page.goto(`${parvis.url}/administration/protection-des-donnees/registre`);
      const contact = page
        .getByRole('article')
        .filter({ has: page.getByRole('heading', { name: 'Contacter la mairie' }) });
      await contact.waitFor();
      // (the administrator's test below may have shortened contact's period already)
      const [set] =
        await parvis.sql`select retention_months from procedures where municipality_id = 'demo' and key = 'contact'`;
      await expect.poll(() => contact.textContent()).toContain(`${set?.retention_months ?? 24} mois après la clôture`);
      expect(await contact.textContent()).toContain('Votre adresse e-mail');
      const permit = page.getByRole('article').filter({ hasText: 'Plan de l' });
      expect(await permit.textContent()).toContain('60 mois après la clôture');
      await checkPage(page, `data-protection-register-${size}`);
      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Télécharger le registre (CSV)' }).click(),
      ]);
      expect(readFileSync((await csv.path())!, 'utf8')).toContain('Contacter la mairie');
    });

    it(`lets the administrator set a retention period, refusing one that is not a positive duration (${size})`, {
      timeout: 120_000,
    }, async () => {
      const page = await signedIn(size, ADMIN);
      // the header leads the administrator to the retention periods
      if (size === 'desk') await page.getByRole('link', { name: 'Protection des données' }).first().click();
      else await page.goto(`${parvis.url}/administration/protection-des-donnees/conservation`);
      await page.getByRole('heading', { name: 'Durées de conservation', level: 1 }).waitFor();
      const field = page.getByLabel('Durée pour « Contacter la mairie » (mois)');
      await field.fill('0');
      await page.getByRole('listitem').filter({ has: field }).getByRole('button', { name: 'Enregistrer' }).click();
      await expect
        .poll(() => page.getByRole('alert').first().textContent())
        .toContain('nombre entier de mois entre 1 et 1200');
      await checkPage(page, `data-protection-retention-refused-${size}`);
      await field.fill(size === 'desk' ? '12' : '18');
      await page.getByRole('listitem').filter({ has: field }).getByRole('button', { name: 'Enregistrer' }).click();
      await page
        .locator('.notice--success')
        .getByText(`Durée enregistrée pour « Contacter la mairie » : ${size === 'desk' ? 12 : 18} mois.`)
        .waitFor();
      await checkPage(page, `data-protection-retention-${size}`);
      const [row] =
        await parvis.sql`select retention_months from procedures where municipality_id = 'demo' and key = 'contact'`;
      expect(row?.retention_months).toBe(size === 'desk' ? 12 : 18);
    });
  }
});

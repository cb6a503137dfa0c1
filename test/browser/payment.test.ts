import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deployProcedure } from '@parvis/graphql';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, portalInChromium } from '../support/browser.ts';
import { eventually } from '../support/graphql-client.ts';
import type { RunningParvis } from '../support/parvis.ts';
import { type StandInPayfip, standInPayfip } from '../support/payfip-server.ts';

// Issue 22, point 1 in Chromium: the citizen's tracking page offers « Payer en ligne » with the
// amount, PayFiP's page (its stand-in) takes the payment, and the citizen comes back to the
// tracking page, which says it is paid. At 1280 and 375 pixels wide.

const SUBMIT = `mutation ($data: JSON!) {
  submitRequest(municipality: "demo", procedure: "droit-de-place", data: $data) { trackingCode } }`;

describe('a citizen pays online from the tracking page', () => {
  let parvis: RunningParvis;
  let browser: Browser;
  let payfip: StandInPayfip;

  portalInChromium((started) => ({ parvis, browser } = started));
  beforeAll(async () => {
    payfip = await standInPayfip({
      clientNumbers: ['654321'],
      reach: (url) => url.replace('http://parvis.test', parvis.url),
    });
    await parvis.sql`insert into payment_settings (municipality_id, client_number, environment, service_url, page_url)
      values ('demo', '654321', 'TEST', ${payfip.serviceUrl}, ${payfip.pageUrl})`;
    const bpmn = await readFile(join(import.meta.dirname, '../fixtures/payment-procedure.bpmn'), 'utf8');
    await deployProcedure(
      parvis.sql,
      'demo',
      { key: 'droit-de-place', title: { fr: 'Droit de place', en: 'Market pitch fee' }, bpmn, forms: {} },
      'test',
    );
  });
  afterAll(async () => payfip?.stop());

  /** The citizen's tab; the town's public address (http://parvis.test) leads to the test's portal. */
  async function citizenPage(width: number): Promise<Page> {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width, height: 900 } });
    await context.route('http://parvis.test/**', (route) =>
      route.fulfill({
        status: 302,
        headers: { location: route.request().url().replace('http://parvis.test', parvis.url) },
      }),
    );
    return context.newPage();
  }
  const open = async (page: Page, email: string) => {
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByRole('button', { name: 'Voir ma demande' }).click();
    return page.getByTestId('payments');
  };

  for (const width of [1280, 375])
    it(`at ${width} px: « Payer en ligne » with the amount, PayFiP, then back to the tracking page, paid`, {
      timeout: 240_000,
    }, async () => {
      // given a request whose procedure asks for 1 098 €
      const email = `marchand.${width}@example.fr`;
      const { submitRequest } = await parvis
        .client()
        .data<{ submitRequest: { trackingCode: string } }>(SUBMIT, { data: { montant: 1098, email, expiration: 60 } });
      const code = submitRequest.trackingCode;
      await eventually(async () => {
        const [row] = await parvis.sql`select 1 from payments p join requests r on r.id = p.request_id
          where r.tracking_code = ${code} and p.page_url is not null`;
        return row;
      }, 60_000);

      // when the citizen follows the request
      const page = await citizenPage(width);
      await page.goto(`${parvis.url}/suivi/${code}`);
      const payments = await open(page, email);

      // then the page offers to pay online, with the amount
      const pay = payments.getByRole('link', { name: /Payer en ligne\s+1\s098,00\s€/ });
      await pay.waitFor({ timeout: 30_000 });
      await payments.getByText('Droit de place du marché — 1 098,00 €').waitFor();
      // the payment's wait is PayFiP's: the citizen is not asked to answer anything
      await page.getByRole('heading', { name: 'Écrire un message' }).waitFor();
      expect(await page.getByRole('heading', { name: 'Répondre à la mairie' }).count()).toBe(0);
      if (width === 375)
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await checkPage(page, `payment-to-pay-${width}`);

      // when they pay on PayFiP's page
      await pay.click();
      await page.getByText('Montant : 1 098,00 €').waitFor();
      await page.getByRole('button', { name: 'Payer' }).click();

      // then they are back on the tracking page, which says it is paid
      await page.waitForURL(new RegExp(`/suivi/${code}\\?paiement=PAID`));
      const back = await open(page, email);
      await back.getByText(/Payé le .* Merci\./).waitFor({ timeout: 30_000 });
      expect(await back.getByRole('link', { name: /Payer en ligne/ }).count()).toBe(0);
      // and its history says so
      await page.getByText('Paiement en ligne reçu (PayFiP).').waitFor({ timeout: 30_000 });
      await checkPage(page, `payment-paid-${width}`);
      const [task] = await parvis.sql`select t.name from tasks t join requests r on r.id = t.request_id
        where r.tracking_code = ${code} and t.status = 'open'`;
      expect(task?.name).toBe("Délivrer l'autorisation");
    });
});

import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPage, portalInChromium, signInAgent } from '../support/browser.ts';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import type { RunningParvis } from '../support/parvis.ts';
import { pdfQrCode } from '../support/pdf.ts';

// Issue 14, point 8 in Chromium: the deputy mayor signs the public-space permit reading the
// services' opinions, their conditions, the fee and a draft of the permit; then anyone holding the
// permit checks it on the page its QR code leads to, and the request's page shows the same check.
// At 1280 and 375 pixels wide.

const PROCEDURE = 'occupation-domaine-public';
const REVIEW_ROADS = "Donner l'avis de la voirie";
const REVIEW_POLICE = "Donner l'avis de la police municipale";
const SIGN = "Signer l'arrêté";
const EMAIL = 'cafe@example.fr';
const INBOX = `{ inbox: workQueue(filter: { scope: AVAILABLE }, first: 200) { id name request { trackingCode } } }`;
const COMPLETE = `mutation ($id: ID!, $data: JSON) { completeTask(taskId: $id, data: $data) { status } }`;

async function fitsWidth(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

describe('the signer’s whole file, then the permit’s public check, in the browser', () => {
  let parvis: RunningParvis;
  let browser: Browser;
  let code: string;
  let signTaskId: string;

  portalInChromium((started) => ({ parvis, browser } = started));

  const agent = async (email: string, password: string): Promise<GraphqlClient> => {
    const client = parvis.client();
    await client.data(
      `mutation ($e: String!, $p: String!) { signIn(municipality: "demo", email: $e, password: $p) { id } }`,
      {
        e: email,
        p: password,
      },
    );
    return client;
  };
  const taskOf = (client: GraphqlClient, name: string) =>
    eventually(async () => {
      const { inbox } = await client.data<{ inbox: { id: string; name: string; request: { trackingCode: string } }[] }>(
        INBOX,
      );
      return inbox.find((t) => t.request.trackingCode === code && t.name === name)?.id;
    }, 60_000);
  const attach = async (field: string, name: string) => {
    const body = new FormData();
    body.append('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')], { type: 'application/pdf' }), name);
    const response = await fetch(`${parvis.url}/files/demo/${PROCEDURE}?field=${field}`, { method: 'POST', body });
    return [((await response.json()) as { id: string }).id];
  };

  beforeAll(async () => {
    // given a café's terrace request, which roads and the municipal police reviewed
    const { submitRequest } = await parvis
      .client()
      .data<{ submitRequest: { trackingCode: string } }>(
        `mutation ($data: JSON!) { submitRequest(municipality: "demo", procedure: "${PROCEDURE}", data: $data) { trackingCode } }`,
        {
          data: {
            qualite: 'entreprise',
            raisonSociale: 'Café du Marché',
            siret: '12345678901234',
            nomDemandeur: 'Luc Petit',
            typeOccupation: 'terrasse',
            adresse: '2 place du Marché',
            surface: 12,
            dateDebut: '2026-05-01',
            dateFin: '2026-09-30',
            plan: await attach('plan', 'plan-terrasse.pdf'),
            attestationAssurance: await attach('attestationAssurance', 'assurance-rc.pdf'),
            email: EMAIL,
          },
        },
      );
    code = submitRequest.trackingCode;
    const roads = await agent('voirie@demoville.fr', 'demo-voirie');
    await roads.data(COMPLETE, {
      id: await taskOf(roads, REVIEW_ROADS),
      data: { avisVoirie: 'favorable-reserves', reservesVoirie: 'Laisser un passage piéton libre de 1,40 m.' },
    });
    const police = await agent('police@demoville.fr', 'demo-police');
    await police.data(COMPLETE, { id: await taskOf(police, REVIEW_POLICE), data: { avisPolice: 'favorable' } });
    signTaskId = await taskOf(await agent('adjointe@demoville.fr', 'demo-adjointe'), SIGN);
  }, 180_000);

  /** The deputy mayor's signing step, in a browser of that width, with its file shown. */
  const openSigningStep = async (width: number) => {
    const page = await (await browser.newContext({ locale: 'fr-FR', viewport: { width, height: 900 } })).newPage();
    await signInAgent(page, parvis.url, 'adjointe@demoville.fr', 'demo-adjointe');
    await page.goto(`${parvis.url}/agent/taches/${signTaskId}`);
    const file = page.getByTestId('signer-file');
    await file.getByText('Avis et conditions des services').waitFor({ timeout: 30_000 });
    return { page, file };
  };

  it('at 375 px, the deputy mayor reads the whole file on her phone', { timeout: 120_000 }, async () => {
    const { page, file } = await openSigningStep(375);
    // then each opinion shows in words, with who gave it, its conditions, and the fee
    const text = await file.textContent();
    expect(text).toContain("Donner l'avis de la voirie");
    expect(text).toMatch(/par Sacha Voirie, le \d{1,2} \S+ \d{4}/);
    expect(text).toContain('Favorable avec prescriptions');
    expect(text).toContain('Laisser un passage piéton libre de 1,40 m.');
    expect(text).toContain('Calculer la redevance');
    expect(text).toContain('918\u00a0€');
    await fitsWidth(page, 375);
    await checkPage(page, 'signer-file-01-file-375');
  });

  it('at 1280 px, she reads the opinions, conditions, fee and the draft permit, then signs', {
    timeout: 180_000,
  }, async () => {
    // given the deputy mayor on her signing step, her key made in this browser
    const { page, file } = await openSigningStep(1280);
    await page.getByRole('button', { name: 'Créer ma clé de signature dans ce navigateur' }).click();
    await page.getByText(/Clé active, conservée dans ce navigateur/).waitFor();

    // then she sees both opinions, the police's too, and the fee
    const text = await file.textContent();
    expect(text).toContain("Donner l'avis de la police municipale");
    expect(text).toContain('par Agent Police Municipale');
    expect(text).toContain('Montants calculés');
    // and the draft of the permit opens, marked as a draft
    const preview = file.getByRole('link', { name: /Voir le projet : Arrêté portant autorisation/ });
    const draft = await page.request.get(
      (await preview.getAttribute('href'))!.replace('http://parvis.test', parvis.url),
    );
    expect(draft.status()).toBe(200);
    expect(draft.headers()['content-type']).toContain('application/pdf');
    await checkPage(page, 'signer-file-02-file-1280');

    // when she approves and signs
    await page.getByRole('radio', { name: 'Approuver' }).check();
    await page.getByRole('button', { name: 'Signer la décision' }).click();
    await page.getByRole('status').filter({ hasText: 'Décision signée et enregistrée' }).waitFor({ timeout: 30_000 });
    await checkPage(page, 'signer-file-03-signed-1280');
  });

  for (const width of [1280, 375])
    it(`at ${width} px, anyone checks the permit on the page its QR code leads to, and the agent sees the same`, {
      timeout: 180_000,
    }, async () => {
      // given the permit issued, as the café downloads it
      const permit = await eventually(async () => {
        const { request } = await parvis
          .client()
          .data<{ request: { documents: { kind: string; url: string }[] } }>(
            `query ($code: String!, $email: String) { request(trackingCode: $code, email: $email) { documents { kind url } } }`,
            { code, email: EMAIL },
          );
        return request.documents.find((d) => d.kind === 'permit');
      }, 60_000);
      const url = new URL(permit.url);
      const pdf = new Uint8Array(await (await fetch(`${parvis.url}${url.pathname}${url.search}`)).arrayBuffer());
      const qr = new URL((await pdfQrCode(pdf))!);

      // when someone holding it scans its QR code, signed in as no one
      const page = await (await browser.newContext({ locale: 'fr-FR', viewport: { width, height: 900 } })).newPage();
      await page.goto(`${parvis.url}${qr.pathname}`);

      // then the page says it is genuine, who signed it in which role and when, with its number and fingerprint
      const checks = page.getByTestId('signature-checks');
      await checks.waitFor({ timeout: 30_000 });
      expect(await checks.getAttribute('data-valid')).toBe('true');
      expect(await checks.textContent()).toContain('Authentique : chaque signature se vérifie');
      expect(await checks.textContent()).toMatch(/Signé par Hélène Adjointe-au-Maire le \d{1,2} \S+ \d{4}/);
      expect(await checks.textContent()).toContain('Décision : approuvée');
      expect(await page.getByTestId('document-number').textContent()).toBe(qr.pathname.split('/').pop());
      expect(await page.getByTestId('fingerprint').textContent()).toMatch(/^[0-9a-f]{5}( [0-9a-f]{5}){3}$/);
      // with nothing of the applicant's
      const body = (await page.locator('main').textContent()) ?? '';
      for (const personal of [EMAIL, 'Luc Petit', '12345678901234', 'place du Marché'])
        expect(body).not.toContain(personal);
      if (width === 375) await fitsWidth(page, 375);
      await checkPage(page, `signer-file-04-public-check-${width}`);

      // and the request's page shows the same check to the agent
      const agentPage = await (
        await browser.newContext({ locale: 'fr-FR', viewport: { width, height: 900 } })
      ).newPage();
      await signInAgent(agentPage, parvis.url, 'adjointe@demoville.fr', 'demo-adjointe');
      await agentPage.goto(`${parvis.url}/agent/demandes/${code}`);
      const panel = agentPage.getByTestId('signatures-panel');
      await panel.waitFor({ timeout: 30_000 });
      expect(await panel.textContent()).toContain('Authentique : chaque signature se vérifie');
      await panel.scrollIntoViewIfNeeded();
      if (width === 375) await fitsWidth(agentPage, 375);
      await checkPage(agentPage, `signer-file-05-request-check-${width}`);
    });
});

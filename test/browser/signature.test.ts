import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { upsertAgent } from '@parvis/graphql';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deployApprovalProcedures,
  fileApprovalRequest,
  openTaskFor,
  openTasks,
  signedEvents,
} from '../support/approval-requests.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

const PORTAL_DIST = resolve(import.meta.dirname, '../../portal/dist');
const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');

describe('the signature book in Chromium: an agent enrols a key made in the browser and signs a step', () => {
  let parvis: RunningParvis;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(join(PORTAL_DIST, 'index.html'))) throw new Error('portal/dist is missing: run `npm run build`.');
    mkdirSync(SCREENSHOTS, { recursive: true });
    parvis = await startParvis({ portalDir: PORTAL_DIST });
    await deployApprovalProcedures(parvis);
    await upsertAgent(parvis.sql, {
      municipalityId: 'demo',
      email: 'sophie.service@demoville.fr',
      displayName: 'Sophie Service',
      password: 'signer-pass',
      roles: ['agent'],
      groups: ['service'],
    });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await parvis?.stop();
  });

  async function checkPage(page: Page, name: string) {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    const { violations } = await new AxeBuilder({ page }).analyze();
    const grave = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${name}: ${v.id} — ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(grave).toEqual([]);
  }

  it('enrols a key, signs an approval on the task page, and the signature verifies', { timeout: 240_000 }, async () => {
    // given a grant request instructed by the front desk, waiting for the department's signature
    const code = await fileApprovalRequest(parvis.client(), 'approval-chain', { amount: 1200 });
    const accueil = parvis.client();
    await accueil.data(
      `mutation { signIn(municipality: "demo", email: "accueil@demoville.fr", password: "demo-accueil") { id } }`,
    );
    const [prepare] = await openTasks(parvis, code, 1, 'Prepare');
    await accueil.data(`mutation ($id: ID!) { completeTask(taskId: $id, data: {}) { status } }`, { id: prepare!.id });
    const task = await openTaskFor(parvis, code, 'service');

    // and the department's agent, signed in
    const page = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await page.goto(`${parvis.url}/agent/taches/${task.id}`);
    await page.waitForURL(/\/agent\/connexion/);
    await page.getByLabel('Adresse e-mail professionnelle').fill('sophie.service@demoville.fr');
    await page.getByLabel('Mot de passe').fill('signer-pass');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/agent\/taches\//);

    // when they create their signing key in the browser
    await page.getByText("Vous n'avez pas encore de clé de signature.").waitFor();
    await checkPage(page, 'signature-01-no-key');
    await page.getByRole('button', { name: 'Créer ma clé de signature dans ce navigateur' }).click();
    await page.getByText(/Clé active, conservée dans ce navigateur/).waitFor();

    // then the server holds the public half only, under the fingerprint of its SPKI
    const [key] = await parvis.sql<{ fingerprint: string; public_key_jwk: Record<string, unknown> }[]>`
      select fingerprint, public_key_jwk from signing_keys k join agents a on a.id = k.agent_id
      where a.email = 'sophie.service@demoville.fr' and k.revoked_at is null`;
    expect(key!.public_key_jwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
    expect(key!.public_key_jwk).not.toHaveProperty('d');
    // and the private half stays in the browser, not extractable
    const held = await page.evaluate(
      (fingerprint) =>
        new Promise<{ extractable: boolean; type: string } | null>((done) => {
          const open = indexedDB.open('parvis-signature');
          open.onsuccess = () => {
            const get = open.result.transaction('keys').objectStore('keys').get(fingerprint);
            get.onsuccess = () =>
              done(
                get.result
                  ? { extractable: get.result.privateKey.extractable, type: get.result.privateKey.type }
                  : null,
              );
          };
        }),
      key!.fingerprint,
    );
    expect(held).toEqual({ extractable: false, type: 'private' });
    await checkPage(page, 'signature-02-key-ready');

    // when they approve with a comment and sign
    await page.getByRole('radio', { name: 'Approuver' }).check();
    await page.getByLabel('Commentaire (facultatif)').fill('Dossier complet, avis favorable.');
    await page.getByRole('button', { name: 'Signer la décision' }).click();

    // then the page says it is signed and recorded
    await page.getByRole('status').filter({ hasText: 'Décision signée et enregistrée' }).waitFor();
    await expect
      .poll(() => page.locator('.timeline__text').allTextContents(), { timeout: 20_000 })
      .toContain('Étape « Signer la décision » : décision signée, approuvée.');
    await checkPage(page, 'signature-03-signed');

    // and the request's timeline holds the signature with the browser's key, which verifies
    const [signed] = await signedEvents(parvis, code);
    expect(signed!.payload).toMatchObject({
      decision: 'approve',
      comment: 'Dossier complet, avis favorable.',
      keyFingerprint: key!.fingerprint,
      signer: { name: 'Sophie Service' },
    });
    const { verifySignatures } = await accueil.data<{ verifySignatures: { valid: boolean } }>(
      `query ($code: String!) { verifySignatures(trackingCode: $code) { valid } }`,
      { code },
    );
    expect(verifySignatures.valid).toBe(true);
    // and the next level of the chain is open
    expect((await openTaskFor(parvis, code, 'chef')).element_id).toBe('Sign');
  });
});

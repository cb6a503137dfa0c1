import { upsertAgent } from '@parvis/graphql';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  completePrepare,
  deployApprovalProcedures,
  fileApprovalRequest,
  openTaskFor,
  signedEvents,
} from '../support/approval-requests.ts';
import { checkPage, portalInChromium } from '../support/browser.ts';
import type { RunningParvis } from '../support/parvis.ts';

describe('the signature book in Chromium: an agent enrols a key made in the browser and signs a step', () => {
  let parvis: RunningParvis;
  let browser: Browser;

  portalInChromium((started) => ({ parvis, browser } = started));
  beforeAll(async () => {
    await deployApprovalProcedures(parvis);
    await upsertAgent(parvis.sql, {
      municipalityId: 'demo',
      email: 'sophie.service@demoville.fr',
      displayName: 'Sophie Service',
      password: 'signer-pass',
      roles: ['agent'],
      groups: ['service'],
    });
  });

  it('enrols a key, signs an approval on the task page, and the signature verifies', { timeout: 240_000 }, async () => {
    // given a grant request instructed by the front desk, waiting for the department's signature
    const code = await fileApprovalRequest(parvis.client(), 'approval-chain', { amount: 1200 });
    const accueil = parvis.client();
    await accueil.data(
      `mutation { signIn(municipality: "demo", email: "accueil@demoville.fr", password: "demo-accueil") { id } }`,
    );
    await completePrepare(parvis, accueil, code);
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

  it('an official delegates her signature from her inbox; her deputy signs her step on her behalf', {
    timeout: 240_000,
  }, async () => {
    // given an official of the elected group and her deputy, and a step waiting for the elected group
    for (const [email, name, groups] of [
      ['elodie.elue@demoville.fr', 'Élodie Élue', ['elus']],
      ['denis.adjoint@demoville.fr', 'Denis Adjoint', ['adjoints']],
    ] as const)
      await upsertAgent(parvis.sql, {
        municipalityId: 'demo',
        email,
        displayName: name,
        password: 'signer-pass',
        roles: ['agent'],
        groups: [...groups],
      });
    const code = await fileApprovalRequest(parvis.client(), 'approval-parallel', {
      rule: 'all',
      signatories: ['elus'],
    });
    const task = await openTaskFor(parvis, code, 'elus');
    const signIn = async (page: Page, email: string) => {
      await page.goto(`${parvis.url}/agent`);
      await page.waitForURL(/\/agent\/connexion/);
      await page.getByLabel('Adresse e-mail professionnelle').fill(email);
      await page.getByLabel('Mot de passe').fill('signer-pass');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL(`${parvis.url}/agent`);
    };

    // when the official delegates her signature to her deputy until next week, from her inbox
    const official = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await signIn(official, 'elodie.elue@demoville.fr');
    await official.getByRole('heading', { name: 'Mon parapheur' }).waitFor();
    await official.getByLabel('Collègue qui signera pour vous').selectOption({ label: 'Denis Adjoint (adjoints)' });
    const nextWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await official.getByLabel('Jusqu’au (inclus)').fill(nextWeek);
    await official.getByLabel('Motif (facultatif)').fill('Congés');
    await official.getByRole('button', { name: 'Déléguer ma signature' }).click();
    // then it is in force
    await official.getByRole('status').filter({ hasText: 'Signature déléguée à Denis Adjoint' }).waitFor();
    await official.getByText(/Vous → Denis Adjoint/).waitFor();
    await checkPage(official, 'signature-04-delegation');

    // when the deputy signs in, he finds her step among those to sign under a delegation
    const deputy = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await signIn(deputy, 'denis.adjoint@demoville.fr');
    await deputy.getByText(/Élodie Élue → vous/).waitFor();
    const row = deputy.locator(`.signature-book tr[data-tracking-code="${code}"]`);
    await row.waitFor();
    await checkPage(deputy, 'signature-05-delegated-inbox');
    await row.getByRole('link').click();
    await deputy.getByRole('heading', { level: 1, name: /Avis \(tous doivent approuver\)/ }).waitFor();
    expect(deputy.url()).toBe(`${parvis.url}/agent/taches/${task.id}`);

    // and signs it with his own key
    await deputy.getByRole('button', { name: 'Créer ma clé de signature dans ce navigateur' }).click();
    await deputy.getByRole('radio', { name: 'Approuver' }).check();
    await deputy.getByRole('button', { name: 'Signer la décision' }).click();

    // then the page and the timeline say it was signed on her behalf
    await deputy.getByRole('status').filter({ hasText: 'pour le compte de Élodie Élue' }).waitFor();
    await checkPage(deputy, 'signature-06-signed-on-behalf');
    const [signed] = await signedEvents(parvis, code);
    expect(signed!.payload).toMatchObject({ signer: { name: 'Denis Adjoint' }, onBehalfOf: { name: 'Élodie Élue' } });
  });
});

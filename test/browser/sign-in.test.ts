import { resolve } from 'node:path';
import { upsertAgent } from '@parvis/graphql';
import { Secret, TOTP } from 'otpauth';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage } from '../support/browser.ts';
import { type RunningProvider, startOpenIdProvider } from '../support/openid-provider.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

// Sign-in's screens: an administrator led to set TOTP up, then asked for its code; an agent
// through the town's directory; a citizen through FranceConnect; the administrator's audit log.
// Each at 1280 and 375 px wide, axe clean.

const ADMIN = { email: 'admin@demoville.fr', password: 'admin-demo-secret', displayName: 'Adèle Admin' };
const code = (secret: string, at = Date.now()) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at });

/** The page at both widths: a screenshot each, axe at each. */
async function bothWidths(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await checkPage(page, `${name}-1280`);
  await page.setViewportSize({ width: 375, height: 800 });
  await checkPage(page, `${name}-375`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('signing in: TOTP, the town directory, FranceConnect, and the audit log', () => {
  let parvis: RunningParvis;
  let browser: Browser;
  let directory: RunningProvider;
  let franceConnect: RunningProvider;

  beforeAll(async () => {
    parvis = await startParvis({
      portalDir: resolve(import.meta.dirname, '../../portal/dist'),
      administratorsNeedTotp: true,
    });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    directory = await startOpenIdProvider({ redirectUris: [`${parvis.url}/auth/demo/agents/callback`] });
    franceConnect = await startOpenIdProvider({
      franceConnect: true,
      redirectUris: [`${parvis.url}/auth/demo/citizens/callback`],
      postLogoutRedirectUris: [`${parvis.url}/`],
    });
    await upsertAgent(parvis.sql, { ...ADMIN, municipalityId: 'demo', roles: ['administrator'], groups: [] });
    // the town's providers, as its administrator sets them (saveSignInProvider, tested in integration)
    await parvis.sql`insert into sign_in_providers (municipality_id, audience, label, issuer, client_id, client_secret,
        scopes, acr_values, groups_claim, group_mapping)
      values ('demo', 'agents', 'Annuaire de la mairie', ${directory.issuer}, ${directory.clientId}, ${directory.clientSecret},
        'openid email profile groups', null, 'groups', ${parvis.sql.json({ 'GRP-Voirie': ['voirie'] })}),
        ('demo', 'citizens', 'FranceConnect', ${franceConnect.issuer}, ${franceConnect.clientId}, ${franceConnect.clientSecret},
        'openid given_name family_name birthdate email', 'eidas1', null, '{}')`;
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await directory?.stop();
    await franceConnect?.stop();
    await parvis?.stop();
  });

  it('leads an administrator to set TOTP up, then asks for its code at each sign-in', {
    timeout: 240_000,
  }, async () => {
    const page = await (
      await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } })
    ).newPage();
    await page.goto(`${parvis.url}/agent/connexion`);
    await page.getByRole('link', { name: 'Se connecter avec « Annuaire de la mairie »' }).waitFor();
    await bothWidths(page, 'sign-in-01-agent-page');
    // when the administrator signs in with their password alone
    await page.getByLabel('Adresse e-mail professionnelle').fill(ADMIN.email);
    await page.getByLabel('Mot de passe').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    // then they are led to set TOTP up: a QR code and the key
    await page.waitForURL(/\/agent\/double-authentification/);
    await page.getByRole('img', { name: /QR code du compte Parvis/ }).waitFor();
    const secret = (await page.locator('.totp-secret').textContent())!.trim();
    await bothWidths(page, 'sign-in-02-totp-enrolment');
    // a wrong code is refused, saying so
    await page.getByLabel('Code de vérification (6 chiffres)').fill(code(secret, Date.now() - 600_000));
    await page.getByRole('button', { name: 'Activer' }).click();
    await page.getByRole('alert').filter({ hasText: 'Code de vérification incorrect' }).waitFor();
    await bothWidths(page, 'sign-in-03-totp-wrong-code');
    // the app's code turns it on and signs them in
    await page.getByLabel('Code de vérification (6 chiffres)').fill(code(secret));
    await page.getByRole('button', { name: 'Activer' }).click();
    await page.waitForURL(`${parvis.url}/agent`);

    // at the next sign-in, the code is asked after the password
    const again = await (
      await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } })
    ).newPage();
    await again.goto(`${parvis.url}/agent/connexion`);
    await again.getByLabel('Adresse e-mail professionnelle').fill(ADMIN.email);
    await again.getByLabel('Mot de passe').fill(ADMIN.password);
    await again.getByRole('button', { name: 'Se connecter' }).click();
    await again.getByLabel('Code de vérification (6 chiffres)').waitFor();
    await bothWidths(again, 'sign-in-04-totp-code');
    await again.getByLabel('Code de vérification (6 chiffres)').fill(code(secret, Date.now() + 30_000));
    await again.getByRole('button', { name: 'Se connecter' }).click();
    await again.waitForURL(`${parvis.url}/agent`);

    // the audit log shows the sign-ins, refused and successful
    await again.goto(`${parvis.url}/administration/journal`);
    await again.getByRole('heading', { name: 'Journal d’audit' }).waitFor();
    await again
      .getByRole('cell', { name: 'sign-in.totp-enrolled' })
      .or(again.getByText('sign-in.totp-enrolled'))
      .first()
      .waitFor();
    await again.getByLabel('Type d’événement').selectOption('sign-in');
    await again.getByRole('button', { name: 'Filtrer' }).click();
    await again.getByText('sign-in.succeeded').first().waitFor();
    expect(await again.getByRole('link', { name: 'Exporter en CSV' }).getAttribute('href')).toBe(
      '/exports/audit.csv?kinds=sign-in',
    );
    await bothWidths(again, 'sign-in-05-audit-log');
  });

  it('signs an agent in through the town directory', { timeout: 120_000 }, async () => {
    directory.signInAs({ sub: 'v-1', email: 'victor@demoville.fr', name: 'Victor Voirie', groups: ['GRP-Voirie'] });
    const page = await (
      await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } })
    ).newPage();
    await page.goto(`${parvis.url}/agent/connexion`);
    await page.getByRole('link', { name: 'Se connecter avec « Annuaire de la mairie »' }).click();
    await page.waitForURL(`${parvis.url}/agent`);
    await page.getByText('Victor Voirie').first().waitFor();
    await bothWidths(page, 'sign-in-06-agent-through-directory');
  });

  it('signs a citizen in through FranceConnect, and shows the account linked', { timeout: 120_000 }, async () => {
    franceConnect.signInAs({
      sub: 'fc-angela',
      given_name: 'Angela Claire Louise',
      family_name: 'DUBOIS',
      birthdate: '1962-08-24',
      email: 'angela@example.fr',
    });
    const page = await (
      await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } })
    ).newPage();
    await page.goto(`${parvis.url}/connexion`);
    const button = page.getByRole('link', { name: 'Se connecter avec FranceConnect' });
    await button.waitFor();
    await bothWidths(page, 'sign-in-07-citizen-franceconnect-button');
    await button.click();
    await page.waitForURL(`${parvis.url}/mon-compte`);
    await page.getByText('Votre compte est relié à FranceConnect').waitFor();
    await bothWidths(page, 'sign-in-08-citizen-account-linked');
  });
});

import { upsertAgent } from '@parvis/graphql';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, portalInChromium, signInAgent } from '../support/browser.ts';
import { type RunningProvider, startOpenIdProvider } from '../support/openid-provider.ts';
import type { RunningParvis } from '../support/parvis.ts';

// Issue 15, point 5, as a town's administrator does it in Chromium: the agents' OpenID provider set
// on the « Connexion » screen (issuer, client, secret, claim → groups), checked against a real
// provider; a mapping naming a group the town lacks refused on its field, nothing stored.
// At 1280 px and on a 375 px phone.

const ADMIN = { email: 'admin@demoville.fr', password: 'demo-admin-password' };

describe('town administration in Chromium: the agents’ sign-in through the town’s directory', () => {
  let parvis: RunningParvis;
  let browser: Browser;
  let directory: RunningProvider;

  portalInChromium((started) => ({ parvis, browser } = started));
  beforeAll(async () => {
    directory = await startOpenIdProvider({ redirectUris: [`${parvis.url}/auth/demo/agents/callback`] });
    await upsertAgent(parvis.sql, {
      municipalityId: 'demo',
      ...ADMIN,
      displayName: 'Ada Admin',
      roles: ['administrator'],
      groups: [],
    });
  });
  afterAll(() => directory?.stop());

  const storedProvider = async () =>
    (
      await parvis.sql`select issuer, client_id, client_secret, groups_claim, group_mapping from sign_in_providers
        where municipality_id = 'demo' and audience = 'agents'`
    )[0];

  it('refuses a mapping to an unknown group on its field, then saves the provider the directory confirms', {
    timeout: 180_000,
  }, async () => {
    const page = await (
      await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } })
    ).newPage();
    await signInAgent(page, parvis.url, ADMIN.email, ADMIN.password);
    await page.goto(`${parvis.url}/administration`);
    await page
      .getByRole('navigation', { name: 'Administration de la commune' })
      .getByRole('link', { name: 'Connexion' })
      .click();
    await page.getByRole('heading', { name: 'Connexion des agents' }).waitFor();

    await page.getByLabel('Texte du bouton de connexion').fill('Annuaire de la mairie');
    await page.getByLabel('Émetteur (issuer)').fill(directory.issuer);
    await page.getByLabel('Identifiant du client (client id)').fill(directory.clientId);
    await page.getByLabel('Secret du client (client secret)').fill(directory.clientSecret);
    await page.getByLabel('Étendues demandées (scopes)').fill('openid email profile groups');
    await page.getByLabel('Nom de l’information (claim)').fill('groups');
    await page.locator('#mapping-value-0').fill('DSI-Voirie');
    await page.locator('#mapping-groups-0').fill('voirie, jardins-suspendus');
    await page.getByRole('button', { name: 'Enregistrer la connexion' }).click();

    // then: refused, saying which group, and nothing stored
    await page.getByRole('alert').filter({ hasText: 'Groupes inconnus dans la commune : jardins-suspendus' }).waitFor();
    expect(await storedProvider()).toBeUndefined();
    await checkPage(page, 'admin-sign-in-refused-1280');

    // when the mapping is corrected, with a second row
    await page.locator('#mapping-groups-0').fill('voirie');
    await page.getByRole('button', { name: 'Ajouter une correspondance' }).click();
    await page.locator('#mapping-value-1').fill('DSI-Proprete');
    await page.locator('#mapping-groups-1').fill('proprete, voirie');
    await page.getByRole('button', { name: 'Enregistrer la connexion' }).click();

    // then: the provider answered discovery, it is stored, its secret never shown again
    await page.locator('.notice--success').getByText('Connexion enregistrée : le fournisseur a répondu.').waitFor();
    expect(await storedProvider()).toEqual({
      issuer: directory.issuer,
      client_id: directory.clientId,
      client_secret: directory.clientSecret,
      groups_claim: 'groups',
      group_mapping: { 'DSI-Voirie': ['voirie'], 'DSI-Proprete': ['proprete', 'voirie'] },
    });
    await expect.poll(() => page.getByLabel('Secret du client (client secret)').inputValue()).toBe('');
    await page.getByText('Un secret est enregistré ; laissez vide pour le garder.').waitFor();
    await page.getByText(`${parvis.url}/auth/demo/agents/callback`).waitFor();
    await page.getByText(/Groupes de la commune : .*proprete.*voirie/).waitFor();
    await page.getByRole('button', { name: 'Enregistrer la connexion' }).waitFor();
    await checkPage(page, 'admin-sign-in-saved-1280');

    // and the agents' sign-in page offers the directory
    await page.context().clearCookies();
    await page.goto(`${parvis.url}/agent/connexion`);
    await page
      .getByRole('link', { name: /Annuaire de la mairie/ })
      .or(page.getByRole('button', { name: /Annuaire de la mairie/ }))
      .first()
      .waitFor();
  });

  it('shows the stored provider on a phone, secret kept when left empty', { timeout: 120_000 }, async () => {
    const page = await (await browser.newContext({ locale: 'fr-FR', viewport: { width: 375, height: 812 } })).newPage();
    await signInAgent(page, parvis.url, ADMIN.email, ADMIN.password);
    await page.goto(`${parvis.url}/administration/connexion`);
    await expect.poll(() => page.getByLabel('Émetteur (issuer)').inputValue()).toBe(directory.issuer);
    expect(await page.locator('#mapping-groups-1').inputValue()).toBe('proprete, voirie');
    await page.getByLabel('Texte du bouton de connexion').fill('Annuaire de Démoville');
    await page.getByRole('button', { name: 'Enregistrer la connexion' }).click();
    await page.locator('.notice--success').getByText('Connexion enregistrée').waitFor();
    expect(await storedProvider()).toMatchObject({ client_secret: directory.clientSecret });
    await page.getByRole('button', { name: 'Enregistrer la connexion' }).waitFor();
    await checkPage(page, 'admin-sign-in-375');
  });
});

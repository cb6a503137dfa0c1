import { upsertAgent, upsertMunicipality } from '@parvis/graphql';
import { syncLibrary } from '@parvis/graphql/library';
import { loadShippedProcedures } from '@parvis/processes';
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPage, portalInChromium, signInAgent } from '../support/browser.ts';
import { eventually } from '../support/graphql-client.ts';
import type { RunningParvis } from '../support/parvis.ts';

// Issue 15, points 3–4, as a town's administrator does it in Chromium: departments and groups,
// an agent created and invited, a CSV import refused line by line then accepted, an agent disabled,
// the town's channels, costs and closures, and the procedure library of a second town (installed,
// then upgraded when the library ships a newer version). At 1280 px and on a 375 px phone.

const ADMIN = { email: 'admin@demoville.fr', password: 'demo-admin-password' };
const PHONE = { width: 375, height: 812 };
const DESK = { width: 1280, height: 900 };

describe('town administration in Chromium: organisation, agents, CSV import, settings, procedure library', () => {
  let parvis: RunningParvis;
  let browser: Browser;

  portalInChromium((started) => ({ parvis, browser } = started));
  beforeAll(async () => {
    await upsertAgent(parvis.sql, {
      municipalityId: 'demo',
      ...ADMIN,
      displayName: 'Ada Admin',
      roles: ['administrator', 'analyst'],
      groups: [],
    });
  });

  async function adminPage(viewport: { width: number; height: number }, town = '') {
    const page = await (await browser.newContext({ locale: 'fr-FR', viewport })).newPage();
    const email = town ? `admin@${town}.fr` : ADMIN.email;
    await signInAgent(
      page,
      `${parvis.url}${town ? `/t/${town}` : ''}`,
      email,
      town ? `${town}-mot-de-passe` : ADMIN.password,
    );
    return page;
  }

  it('declares a department and a group in turn, creates and invites an agent, disables one', {
    timeout: 180_000,
  }, async () => {
    const page = await adminPage(DESK);
    await page.goto(`${parvis.url}/administration/services`);
    await page.getByLabel('Nouveau service').fill('Espaces verts');
    await page.getByRole('button', { name: 'Ajouter le service' }).click();
    await page.getByRole('listitem').filter({ hasText: 'Espaces verts' }).waitFor();
    await page.getByLabel('Clé').fill('jardins');
    await page.locator('#group-name').fill('Jardins');
    await page.getByLabel('Service', { exact: true }).selectOption({ label: 'Espaces verts' });
    await page.getByLabel('Attribution').selectOption('ROUND_ROBIN');
    await page.getByRole('button', { name: 'Enregistrer le groupe' }).click();
    await expect
      .poll(() => page.getByRole('row', { name: /jardins/ }).textContent())
      .toMatch(/Jardins.*Espaces verts.*à tour de rôle/);
    await checkPage(page, 'admin-organisation-1280');

    await page.getByRole('link', { name: 'Agents', exact: true }).click();
    await page.locator('#new-email').fill('jules.vert@demoville.fr');
    await page.locator('#new-name').fill('Jules Vert');
    await page.locator('.staff__new').getByLabel('jardins').check();
    await page.getByRole('button', { name: 'Créer et inviter' }).click();
    await page
      .locator('.notice--success')
      .getByText('Agent créé ; l’invitation est partie à jules.vert@demoville.fr.')
      .waitFor();
    await eventually(async () => parvis.smtp.messages().find((m) => m.to.includes('jules.vert@demoville.fr')));
    const jules = page.locator('tr[data-email="jules.vert@demoville.fr"]');
    await expect.poll(() => jules.textContent()).toMatch(/Jules Vert.*agent.*jardins.*actif/);

    // the roads agent leaves: disabled, they sign in no more
    const voirie = page.locator('tr[data-email="voirie@demoville.fr"]');
    await voirie.getByRole('button', { name: /Désactiver/ }).click();
    await expect.poll(() => voirie.textContent()).toContain('désactivé');
    const signIn = await parvis
      .client()
      .request(
        'mutation { signIn(municipality: "demo", email: "voirie@demoville.fr", password: "demo-voirie") { id } }',
      );
    expect(signIn.errors).toHaveLength(1);
    await checkPage(page, 'admin-staff-1280');
  });

  it('imports agents from a CSV file: the bad lines told by number and why, nothing created; then the corrected file', {
    timeout: 180_000,
  }, async () => {
    const page = await adminPage(PHONE);
    await page.goto(`${parvis.url}/administration`);
    const file = [
      'email;nom;roles;groupes',
      'rose.lin@demoville.fr;Rose Lin;agent;jardins',
      'sans-arobase.demoville.fr;Paul Sans;agent;jardins',
      'marc.noir@demoville.fr;Marc Noir;agent;potager',
    ].join('\n');
    await page
      .getByLabel('Fichier CSV')
      .setInputFiles({ name: 'agents.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await expect.poll(() => page.getByLabel('Ou collez le contenu du fichier').inputValue()).toContain('rose.lin');
    await page.getByRole('button', { name: 'Importer' }).click();
    await page.getByText('2 ligne(s) refusée(s) : aucun agent n’a été créé.').waitFor();
    const refused = page.locator('.staff-import tbody tr');
    await expect
      .poll(() => refused.allTextContents())
      .toEqual([
        '3sans-arobase.demoville.fradresse e-mail invalide : « sans-arobase.demoville.fr »',
        '4marc.noir@demoville.frgroupe inconnu : potager',
      ]);
    expect(await page.locator('tr[data-email="rose.lin@demoville.fr"]').count()).toBe(0);
    await checkPage(page, 'admin-staff-import-refused-375');

    await page.getByLabel('Ou collez le contenu du fichier').fill(file.split('\n').slice(0, 2).join('\n'));
    await page.getByRole('button', { name: 'Importer' }).click();
    await page.getByText('1 agent(s) créé(s) et invité(s).').waitFor();
    await page.locator('tr[data-email="rose.lin@demoville.fr"]').waitFor();
    await checkPage(page, 'admin-staff-375');
  });

  it("sets the town's intake address, unit costs and a closure", { timeout: 120_000 }, async () => {
    const page = await adminPage(PHONE);
    await page.goto(`${parvis.url}/administration/reglages`);
    await page.getByLabel('Adresse de réception des demandes (facultative)').fill('demandes@demoville.fr');
    await page.getByLabel('Au guichet (€)').fill('14,5');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.locator('.notice--success').getByText('Enregistré.').waitFor();
    await page.getByLabel('Date').fill('2031-05-30');
    await page.getByLabel('Motif').fill('Pont de l’Ascension');
    await page.getByRole('button', { name: 'Ajouter la fermeture' }).click();
    await page.getByText('vendredi 30 mai 2031 — Pont de l’Ascension').waitFor();
    const [settings] = await parvis.sql`select m.intake_email, s.counter_cost::float as cost from municipalities m
      join municipality_settings s on s.municipality_id = m.id where m.id = 'demo'`;
    expect(settings).toEqual({ intake_email: 'demandes@demoville.fr', cost: 14.5 });
    await checkPage(page, 'admin-settings-375');
  });

  it('sets the town’s PayFiP references: a bad client number refused beside its field, nothing saved', {
    timeout: 120_000,
  }, async () => {
    const page = await adminPage(DESK);
    await page.goto(`${parvis.url}/administration/reglages`);
    const section = page.getByRole('region', { name: 'Paiement en ligne (PayFiP)' });
    await section.getByText('Aucun numéro client : la commune facture hors ligne.').waitFor();
    await section.getByLabel('Numéro client PayFiP').fill('12345');
    await section.getByRole('button', { name: 'Enregistrer les références PayFiP' }).click();
    await section.locator('#payment-client-number-error').getByText('le numéro client PayFiP a 6 chiffres').waitFor();
    expect(await page.locator('#payment-client-number').getAttribute('aria-invalid')).toBe('true');
    expect(await parvis.sql`select 1 from payment_settings where municipality_id = 'demo'`).toEqual([]);
    await checkPage(page, 'admin-payment-refused-1280');
    await section.getByLabel('Numéro client PayFiP').fill('012345');
    await section.getByLabel('Environnement').selectOption('TEST');
    await section.getByRole('button', { name: 'Enregistrer les références PayFiP' }).click();
    await section.getByText('Références PayFiP enregistrées.').first().waitFor();
    expect(
      await parvis.sql`select client_number, environment from payment_settings where municipality_id = 'demo'`,
    ).toEqual([{ client_number: '012345', environment: 'TEST' }]);
    await checkPage(page, 'admin-payment-1280');
  });

  it('installs a library procedure into a second town, then offers and makes the upgrade', {
    timeout: 240_000,
  }, async () => {
    await upsertMunicipality(parvis.sql, {
      id: 'valmont',
      name: 'Mairie de Valmont',
      contactEmail: 'mairie@valmont.fr',
    });
    await upsertAgent(parvis.sql, {
      municipalityId: 'valmont',
      email: 'admin@valmont.fr',
      password: 'valmont-mot-de-passe',
      displayName: 'Val Admin',
      roles: ['administrator', 'analyst'],
      groups: [],
    });
    const page = await adminPage(DESK, 'valmont');
    await page.goto(`${parvis.url}/t/valmont/administration/bibliotheque`);
    const card = page.locator('[data-key="signalement"]');
    await expect.poll(() => card.textContent()).toContain('non installée (version 1 disponible)');
    await expect.poll(() => card.textContent()).toContain('Groupes à créer : eclairage, proprete, voirie');
    await card.getByRole('button', { name: /Installer/ }).click();
    await page.getByText("« Signaler un problème sur l'espace public » installée").waitFor();
    await expect.poll(() => card.textContent()).toContain('version 1 installée — version 1 de la commune');
    await checkPage(page, 'admin-library-1280');

    // a newer library version of the report procedure is shipped: offered, not applied
    const shipped = (await loadShippedProcedures()).filter((p) => p.key === 'signalement');
    const texts = structuredClone(shipped[0]!.texts!);
    texts.taskOpened!.fr!.subject = 'Nouveau signalement à traiter';
    await syncLibrary(parvis.sql, [{ ...shipped[0]!, texts }]);

    const phone = page;
    await phone.setViewportSize(PHONE);
    await phone.reload();
    const offered = phone.locator('[data-key="signalement"]');
    await expect.poll(() => offered.textContent()).toContain('version 1 installée, 2 disponible');
    await checkPage(phone, 'admin-library-upgrade-375');
    await offered.getByRole('button', { name: /Mettre à jour/ }).click();
    await phone.getByText('mise à jour : version 2 de la commune').waitFor();
    await phone.getByRole('link', { name: 'Comparer les versions 1 et 2' }).waitFor();
    await expect.poll(() => offered.textContent()).toContain('version 2 installée — version 2 de la commune');
  });
});

import { upsertPlatformAdministrator } from '@parvis/graphql';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPage, portalInChromium } from '../support/browser.ts';
import { eventually } from '../support/graphql-client.ts';
import type { RunningParvis } from '../support/parvis.ts';

// Issue 15, points 1–2, as people do it: a platform administrator creates a town on /plateforme,
// its first administrator opens the invitation on the town's own host name, chooses a password,
// brands the town and writes its legal notice; citizens see the town's name, colours and pages.

const PLATFORM = { email: 'plateforme@parvis.test', password: 'plateforme-mot-de-passe' };
const ADMIN_PASSWORD = 'le mot de passe de Léa';

describe('platform administration and a town’s branding, in Chromium', () => {
  let parvis: RunningParvis;
  let browser: Browser;
  let port: string;
  /** The portal on the town's own host name: Chromium sends *.localhost to this machine. */
  const townUrl = () => `http://ville2.localhost:${port}`;

  portalInChromium((started) => ({ parvis, browser } = started));
  beforeAll(async () => {
    port = new URL(parvis.url).port;
    // The first platform administrator, as `npx parvis platform-admin create` makes it.
    await parvis.sql.begin((tx) => upsertPlatformAdministrator(tx, { ...PLATFORM, displayName: 'Pat Plateforme' }));
  });

  async function signInPlatform(page: Page) {
    await page.goto(`${parvis.url}/plateforme`);
    await page.getByLabel('Adresse e-mail').fill(PLATFORM.email);
    await page.getByLabel('Mot de passe').fill(PLATFORM.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Communes de la plateforme' }).waitFor();
  }

  async function fillTown(page: Page, town: { slug: string; name: string; hosts: string; admin: string }) {
    await page.getByLabel('Identifiant').fill(town.slug);
    await page.locator('#town-name').fill(town.name);
    await page.getByLabel('Noms d’hôte').fill(town.hosts);
    await page.getByLabel('Fuseau horaire').fill('Indian/Reunion');
    await page.getByLabel('Jours fériés').selectOption('la-reunion');
    await page.getByLabel('Courriel de contact de la mairie').fill(`mairie@${town.slug}.fr`);
    await page.getByLabel('Courriel du premier administrateur (invité par e-mail)').fill(town.admin);
    await page.getByLabel('Nom du premier administrateur').fill('Léa Admin');
    await page.getByRole('button', { name: 'Créer la commune et inviter son administrateur' }).click();
  }

  it('creates a town with its host name and region, refuses a host already taken, disables a town', {
    timeout: 180_000,
  }, async () => {
    // given the platform administrator signed in, at 1280 px
    const page = await (
      await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } })
    ).newPage();
    await signInPlatform(page);
    await expect.poll(() => page.getByRole('row', { name: /demo/ }).count()).toBe(1);

    // when she creates Villedeux on ville2.localhost
    await fillTown(page, {
      slug: 'ville2',
      name: 'Mairie de Villedeux',
      hosts: 'ville2.localhost',
      admin: 'lea@villedeux.fr',
    });

    // then the town is listed with its host, time zone and region, and its administrator is invited
    await page.getByText('Commune ville2 créée ; son administrateur a reçu son lien de première connexion.').waitFor();
    const row = page.getByRole('row', { name: /ville2/ });
    await expect
      .poll(() => row.textContent())
      .toMatch(/Mairie de Villedeux.*ville2\.localhost.*Indian\/Reunion.*La Réunion.*Active/);
    await eventually(async () => parvis.smtp.messages().find((m) => m.to.includes('lea@villedeux.fr')));
    await checkPage(page, 'platform-towns-1280');

    // when another town claims the same host name
    await fillTown(page, {
      slug: 'ville3',
      name: 'Ville Trois',
      hosts: 'ville3.localhost\nville2.localhost',
      admin: 'a@ville3.fr',
    });

    // then it is refused, saying which host belongs to whom, and nothing is created
    const refusal = page.getByRole('alert');
    await expect
      .poll(() => refusal.textContent())
      .toContain("Le nom d'hôte « ville2.localhost » appartient déjà à la commune « ville2 »");
    expect(await page.getByRole('row', { name: /ville3/ }).count()).toBe(0);
    await checkPage(page, 'platform-town-refused-1280');

    // when she disables the demo-like town ville2 and enables it again, on a phone
    const phone = await (
      await browser.newContext({ locale: 'fr-FR', viewport: { width: 375, height: 800 } })
    ).newPage();
    await signInPlatform(phone);
    await phone.getByRole('button', { name: 'Désactiver ville2' }).click();
    await phone.getByText('ville2 : Désactivée.').waitFor();
    await checkPage(phone, 'platform-towns-375');
    await phone.getByRole('button', { name: 'Réactiver ville2' }).click();
    await phone.getByText('ville2 : Active.').waitFor();
  });

  it('the invited administrator sets a password, brands the town and writes its legal notice; citizens see them', {
    timeout: 180_000,
  }, async () => {
    // given the invitation mailed to Léa (created by the test above)
    const mail = await eventually(async () => parvis.smtp.messages().find((m) => m.to.includes('lea@villedeux.fr')));
    // (its address is the town's host name on PUBLIC_URL's port: here the test server's port instead)
    const link = new URL(/http:\/\/ville2\.localhost\S*\/agent\/invitation\?\S+/.exec(mail.text)![0]);
    const page = await (
      await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } })
    ).newPage();

    // when she opens it on the town's host name and chooses a password
    await page.goto(`${townUrl()}${link.pathname}${link.search}`);
    await page.getByText('Bonjour Léa Admin, choisissez votre mot de passe pour l’adresse lea@villedeux.fr.').waitFor();
    await page.getByLabel('Mot de passe (12 caractères au moins)').fill(ADMIN_PASSWORD);
    await page.getByLabel('Confirmez le mot de passe').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
    await page.getByRole('link', { name: 'Se connecter' }).click();
    await page.getByLabel('Adresse e-mail professionnelle').fill('lea@villedeux.fr');
    await page.getByLabel('Mot de passe').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${townUrl()}/agent`);

    // and opens the branding screen: colours that fail the contrast are refused, with the ratio
    await page.goto(`${townUrl()}/administration/apparence`);
    await page.getByLabel('Nom de la commune').fill('Ville de Villedeux');
    await page.getByLabel('Couleur principale (en-tête, boutons, liens)').fill('#f4c430');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const refusal = page.locator('.branding__refusal');
    await expect
      .poll(() => refusal.textContent())
      .toContain('Contraste insuffisant entre le texte #ffffff et le fond #f4c430');

    // then with readable colours, a phone and a legal notice, it is saved
    await page.getByLabel('Couleur principale (en-tête, boutons, liens)').fill('#7a1f3d');
    await page.getByLabel('Couleur du texte sur la couleur principale').fill('#ffffff');
    await page.getByLabel('Téléphone').fill('02 62 00 00 00');
    await page
      .getByLabel('Mentions légales')
      .fill('Éditeur : commune de Villedeux.\nDirectrice de la publication : la maire.');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Apparence et pages enregistrées.').waitFor();
    await checkPage(page, 'town-branding-1280');
    const phone = await (
      await page
        .context()
        .browser()!
        .newContext({ locale: 'fr-FR', viewport: { width: 375, height: 800 } })
    ).newPage();
    await phone.context().addCookies(await page.context().cookies());
    await phone.goto(`${townUrl()}/administration/apparence`);
    await phone.getByLabel('Nom de la commune').waitFor();
    await checkPage(phone, 'town-branding-375');

    // and a citizen on the town's host name sees its name, its colour and its legal notice
    const citizen = await (
      await browser.newContext({ locale: 'fr-FR', viewport: { width: 375, height: 800 } })
    ).newPage();
    await citizen.goto(`${townUrl()}/`);
    await expect.poll(() => citizen.locator('.site-header__name').textContent()).toBe('Ville de Villedeux');
    expect(await citizen.title()).toContain('Ville de Villedeux');
    expect(
      await citizen.evaluate(() =>
        getComputedStyle(document.documentElement).getPropertyValue('--parvis-color-primary').trim(),
      ),
    ).toBe('#7a1f3d');
    await citizen.getByRole('link', { name: 'Mentions légales' }).click();
    await citizen.getByText('Directrice de la publication : la maire.').waitFor();
    await citizen.getByText('02 62 00 00 00').waitFor();
    await checkPage(citizen, 'town-legal-notice-375');
    // the demo town, on its own address, keeps its own name and Parvis's colours
    await citizen.goto(`${parvis.url}/`);
    await expect.poll(() => citizen.locator('.site-header__name').textContent()).toBe('Mairie de Démoville');
  });
});

import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkPage, inboxRow, portalInChromium } from '../support/browser.ts';
import type { RunningParvis } from '../support/parvis.ts';

const CODE = /^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/;

/** The form-js field around an input, where its error is written. */
const fieldOf = (page: Page, label: string): Locator =>
  page.locator('.fjs-form-field', { has: page.getByRole('textbox', { name: label, exact: true }) });

describe('the portal in Chromium: a citizen asks, an agent answers, the citizen sees it closed', () => {
  let parvis: RunningParvis;
  let browser: Browser;

  portalInChromium((started) => ({ parvis, browser } = started));

  async function signIn(page: Page) {
    await page.getByLabel('Adresse e-mail professionnelle').fill('accueil@demoville.fr');
    await page.getByLabel('Mot de passe').fill('demo-accueil');
    await page.getByRole('button', { name: 'Se connecter' }).click();
  }

  it('takes a request from the catalogue to its closure, every page accessible', { timeout: 240_000 }, async () => {
    // given a citizen on the catalogue
    const citizen = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await citizen.goto(`${parvis.url}/`);
    await expect.poll(() => citizen.getByRole('heading', { level: 1 }).textContent()).toBe('Les démarches en ligne');
    expect(await citizen.locator('html').getAttribute('lang')).toBe('fr');
    await checkPage(citizen, '01-catalogue');

    // and a search that ignores case and accents
    await citizen.getByRole('searchbox', { name: 'Rechercher une démarche' }).fill('MAIRIE');
    expect(await citizen.getByRole('status').textContent()).toMatch(/^1 démarche\(s\) sur \d+$/);
    await citizen.getByRole('searchbox', { name: 'Rechercher une démarche' }).fill('permis de démolir');
    expect(await citizen.getByRole('status').textContent()).toContain('Aucune démarche ne correspond');
    await citizen.getByRole('searchbox', { name: 'Rechercher une démarche' }).fill('contacter');

    // when they open the contact procedure
    await citizen.getByRole('link', { name: 'Contacter la mairie' }).click();
    await citizen.getByRole('textbox', { name: 'Objet de votre demande', exact: true }).waitFor();
    expect(citizen.url()).toBe(`${parvis.url}/demarches/contact`);
    await checkPage(citizen, '02-form');

    // and fill it wrongly
    await citizen.getByRole('textbox', { name: 'Objet de votre demande', exact: true }).fill('x');
    await citizen.getByRole('textbox', { name: 'Votre adresse e-mail', exact: true }).fill('pas-une-adresse');
    await citizen.getByRole('button', { name: 'Envoyer ma demande' }).click();

    // then each problem is written beside its field, in French, and what was typed stays
    await expect
      .poll(() => fieldOf(citizen, 'Objet de votre demande').locator('.fjs-form-field-error').textContent())
      .toBe('Saisissez au moins 3 caractères.');
    expect(await fieldOf(citizen, 'Votre message').locator('.fjs-form-field-error').textContent()).toBe(
      'Ce champ est obligatoire.',
    );
    expect(await fieldOf(citizen, 'Votre adresse e-mail').locator('.fjs-form-field-error').textContent()).toContain(
      'Saisissez une adresse électronique valide',
    );
    expect(await citizen.getByRole('textbox', { name: 'Objet de votre demande', exact: true }).inputValue()).toBe('x');
    expect(
      await citizen.getByRole('textbox', { name: 'Objet de votre demande', exact: true }).getAttribute('aria-invalid'),
    ).toBe('true');
    expect(await citizen.locator('.error-summary h2').textContent()).toContain('3 erreurs');
    await checkPage(citizen, '03-form-errors');

    // when they fix it and send it
    await citizen.getByRole('textbox', { name: 'Objet de votre demande', exact: true }).fill('Horaires de la mairie');
    await citizen
      .getByRole('textbox', { name: 'Votre message', exact: true })
      .fill('Bonjour, êtes-vous ouverts le samedi matin ?');
    await citizen.getByRole('textbox', { name: 'Votre adresse e-mail', exact: true }).fill('lea.martin@example.fr');
    await citizen.getByRole('button', { name: 'Envoyer ma demande' }).click();

    // then the receipt shows the tracking code
    await citizen.waitForURL(/\/recu\//);
    const code = (await citizen.getByTestId('tracking-code').textContent())!.trim();
    expect(code).toMatch(CODE);
    // with the acknowledgement to download
    const acknowledgement = citizen.getByRole('link', { name: /^Accusé de réception/ });
    await acknowledgement.waitFor();
    const href = (await acknowledgement.getAttribute('href'))!;
    expect(href).toMatch(new RegExp(`^/documents/${code}/`));
    expect((await citizen.request.get(`${parvis.url}${href}`)).headers()['content-type']).toContain('application/pdf');
    await checkPage(citizen, '04-receipt');

    // and a link to follow it, which shows it at once in this tab
    await citizen.getByRole('link', { name: 'Suivre cette demande' }).click();
    await citizen.locator('.timeline').waitFor();
    expect(await citizen.locator('.timeline__text').first().textContent()).toBe('Demande déposée.');

    // given the accueil agent, who signs in
    const agent = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await agent.goto(`${parvis.url}/agent`);
    await agent.waitForURL(/\/agent\/connexion/);
    await checkPage(agent, '05-sign-in');
    await signIn(agent);
    await agent.waitForURL(`${parvis.url}/agent`);

    // then the request is in the inbox, its channel shown by an icon with a text alternative
    const row = await inboxRow(agent, code, 30_000);
    expect(await row.locator('.channel svg').getAttribute('aria-hidden')).toBe('true');
    expect(await row.locator('.channel .visually-hidden').textContent()).toBe('Internet');
    await checkPage(agent, '06-inbox');

    // when they open the task, read the request and answer it
    await row.getByRole('link', { name: 'Répondre' }).click();
    await agent.getByRole('heading', { level: 1, name: `Répondre — demande ${code}` }).waitFor();
    expect(await agent.locator('.request-data').textContent()).toContain('Horaires de la mairie');
    await agent.getByRole('textbox', { name: 'Réponse au demandeur', exact: true }).waitFor();
    await checkPage(agent, '07-task');
    const answer = agent.getByRole('textbox', { name: 'Réponse au demandeur', exact: true });
    await answer.fill('Oui, de 9 h à 12 h.');

    // and their session expires just before they send it
    await parvis.sql`delete from agent_sessions`;
    await agent.getByRole('button', { name: 'Terminer la tâche' }).click();
    await agent.getByRole('alert').filter({ hasText: 'Votre session a expiré' }).waitFor();
    await agent.getByRole('link', { name: 'Se reconnecter' }).click();
    await signIn(agent);

    // then they are back on the task with their answer as typed, and send it
    await agent.waitForURL(/\/agent\/taches\//);
    await expect.poll(() => answer.inputValue()).toBe('Oui, de 9 h à 12 h.');
    await agent.getByRole('button', { name: 'Terminer la tâche' }).click();

    // then the task is done
    await agent.getByRole('status').filter({ hasText: 'Tâche terminée' }).waitFor();
    await checkPage(agent, '08-task-done');

    // and the citizen's tracking page shows the request closed, its history in words
    await citizen.goto(`${parvis.url}/suivi/${code}`);
    expect(await citizen.getByLabel('Numéro de suivi').inputValue()).toBe(code);
    await citizen.getByLabel('Adresse e-mail').fill('lea.martin@example.fr');
    await citizen.getByRole('button', { name: 'Voir ma demande' }).click();
    await citizen.locator('.timeline').waitFor();
    expect(await citizen.locator('.status').textContent()).toBe('Close');
    const history = await citizen.locator('.timeline__text').allTextContents();
    expect(history[0]).toBe('Demande déposée.');
    expect(history).toContain('Étape « Répondre » terminée.');
    expect(history.at(-1)).toBe('Demande close.');
    expect(await citizen.getByRole('link', { name: /^Accusé de réception/ }).count()).toBe(1);
    await checkPage(citizen, '09-tracking');

    // and in English on request
    await citizen.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => citizen.locator('.timeline__text').last().textContent()).toBe('Request closed.');
    expect(await citizen.locator('html').getAttribute('lang')).toBe('en');
    await checkPage(citizen, '10-tracking-en');
  });

  it('starts keyboard users at the skip link on an opened address, at the content after a link', async () => {
    // given a citizen who opens a form by its address
    const page = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await page.goto(`${parvis.url}/demarches/contact`);
    await page.getByRole('textbox', { name: 'Objet de votre demande', exact: true }).waitFor();
    // then the first Tab reaches the skip link, as on any page a browser opens
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Aller au contenu');
    // and when they follow a link, focus moves to the new page's content, where screen readers start
    await page.getByRole('link', { name: /Toutes les démarches/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Les démarches en ligne' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('contenu');
    await page.context().close();
  });

  it('says the service is unavailable when the API cannot be reached', async () => {
    // given a browser that cannot reach the API
    const page = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await page.route('**/graphql', (route) => route.abort('connectionrefused'));
    // when the catalogue opens
    await page.goto(`${parvis.url}/`);
    // then a message says so, and offers to try again
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Le service est momentanément indisponible');
    expect(await alert.getByRole('button', { name: 'Réessayer' }).count()).toBe(1);
    await checkPage(page, '11-api-down');
  });
});

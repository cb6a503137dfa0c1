import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkPage, portalInChromium } from '../support/browser.ts';
import { eventually } from '../support/graphql-client.ts';
import type { RunningParvis } from '../support/parvis.ts';

const EMAIL = 'lea.compte@example.fr';
const PASSWORD = 'une phrase assez longue';

describe("the citizen's account in Chromium: sign-up, prefilled forms, history, profile, data, deletion", () => {
  let parvis: RunningParvis;
  let browser: Browser;

  portalInChromium((started) => ({ parvis, browser } = started));

  /** The one-time link last mailed to the address (sent after `after` messages), opened on this portal. */
  async function linkFromMailbox(after: number): Promise<string> {
    const url = await eventually(async () => {
      const mail = parvis.smtp
        .messages()
        .slice(after)
        .find((m) => m.to.includes(EMAIL) && m.text.includes('jeton='));
      return mail?.text.match(/http:\/\/parvis\.test(\/connexion\?\S+)/)?.[1];
    });
    return `${parvis.url}${url}`;
  }

  const header = (page: Page) => page.getByRole('navigation', { name: 'Menu principal' });
  const passwordBox = (page: Page) => page.getByRole('region', { name: 'Avec votre mot de passe' });

  async function signInByPassword(page: Page) {
    await passwordBox(page).getByRole('textbox', { name: 'Adresse e-mail' }).fill(EMAIL);
    await passwordBox(page).getByLabel('Mot de passe').fill(PASSWORD);
    await passwordBox(page).getByRole('button', { name: 'Se connecter' }).click();
  }

  it('takes a citizen from sign-up to deletion, every page accessible', { timeout: 300_000 }, async () => {
    const context = await browser.newContext({ locale: 'fr-FR', acceptDownloads: true });
    const page = await context.newPage();

    // given a citizen on the catalogue, not signed in
    await page.goto(`${parvis.url}/`);
    await header(page).getByRole('link', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor();
    await checkPage(page, 'account-01-sign-in');

    // when they open the sign-up page and send it empty
    await page.getByRole('link', { name: 'Créer un compte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Créer un compte' }).waitFor();
    const consentText = await page.locator('#sign-up-consent-text').textContent();
    expect(consentText).toContain('J’accepte que la mairie conserve');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();

    // then each problem is written beside its field
    expect(await page.locator('#sign-up-email-error').textContent()).toBe('Saisissez votre adresse e-mail.');
    expect(await page.locator('#sign-up-password-error').textContent()).toContain('au moins 12 caractères');
    expect(await page.locator('#sign-up-consent-error').textContent()).toContain('Cochez la case');
    expect(await page.getByLabel('Adresse e-mail').getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'account-02-sign-up-errors');

    // when they fill it and accept the consent text
    await page.getByLabel('Prénom').fill('Léa');
    await page.getByLabel('Nom', { exact: true }).fill('Martin');
    await page.getByLabel('Adresse e-mail').fill(EMAIL);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('checkbox', { name: 'J’ai lu et j’accepte ce texte.' }).check();
    const mailed = parvis.smtp.messages().length;
    await page.getByRole('button', { name: 'Créer mon compte' }).click();

    // then they are told to open the link mailed to them
    await page.getByRole('status').filter({ hasText: 'Presque fini' }).waitFor();
    await checkPage(page, 'account-03-sign-up-sent');

    // when they open it
    await page.goto(await linkFromMailbox(mailed));

    // then they land on their account, signed in, with the consent they gave, word for word and dated
    await page.waitForURL(`${parvis.url}/mon-compte`);
    await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
    await page.getByText(`Connecté avec l’adresse ${EMAIL}.`).waitFor();
    expect(await page.locator('.consent-list__text').textContent()).toBe(consentText);
    expect(await page.locator('.consent-list__date').textContent()).toMatch(/Accepté le \d+ \S+ 20\d\d/);
    expect(await page.getByText('Aucune demande pour le moment.').count()).toBe(1);
    expect(await header(page).getByRole('link', { name: 'Mon compte' }).count()).toBe(1);
    await checkPage(page, 'account-04-account-new');

    // when they open a form asking for the parent's name: it comes filled from the account
    await page.goto(`${parvis.url}/demarches/creche`);
    const parentName = page.getByRole('textbox', {
      name: 'Nom et prénom du parent qui dépose la demande',
      exact: true,
    });
    await expect.poll(() => parentName.inputValue(), { timeout: 30_000 }).toBe('Léa Martin');
    expect(await page.getByRole('textbox', { name: 'Votre adresse e-mail', exact: true }).inputValue()).toBe(EMAIL);

    // and the contact form, whose e-mail is filled in: they type only their question and send it
    await page.goto(`${parvis.url}/demarches/contact`);
    const formEmail = page.getByRole('textbox', { name: 'Votre adresse e-mail', exact: true });
    await expect.poll(() => formEmail.inputValue(), { timeout: 30_000 }).toBe(EMAIL);
    expect(await page.getByText('Vous êtes connecté : ce que votre profil connaît est déjà rempli.').count()).toBe(1);
    await checkPage(page, 'account-05-form-prefilled');
    await page.getByRole('textbox', { name: 'Objet de votre demande', exact: true }).fill('Jardins familiaux');
    await page.getByRole('textbox', { name: 'Votre message', exact: true }).fill('Reste-t-il des parcelles ?');
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await page.waitForURL(/\/recu\//);
    const code = (await page.getByTestId('tracking-code').textContent())!.trim();

    // then the request is in their history, with its status, deadline and acknowledgement
    await page.getByRole('link', { name: 'Voir mes demandes' }).click();
    const entry = page.locator(`[data-tracking-code="${code}"]`);
    await entry.waitFor();
    expect(await entry.getByRole('heading', { level: 3 }).textContent()).toBe('Contacter la mairie');
    expect(await entry.locator('.request-history__status').textContent()).toMatch(/^(Reçue|En cours de traitement)$/);
    expect(await entry.locator('.request-history__due').textContent()).toContain('Pas de délai fixé');
    expect(await entry.getByRole('link', { name: /^Accusé de réception/ }).count()).toBe(1);

    // and once the request has a deadline at risk (as the SLA projection records it), the history says so
    await parvis.sql`update requests set due_at = '2031-03-14T16:00:00Z', sla_state = 'atRisk'
      where tracking_code = ${code}`;
    await page.reload();
    await expect.poll(() => entry.locator('.request-history__due').textContent()).toMatch(/14 mars 2031.*En risque/);
    await checkPage(page, 'account-06-history');

    // and in English on request
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    await expect.poll(() => entry.locator('.request-history__due').textContent()).toMatch(/14 March 2031.*At risk/);
    expect(await page.getByRole('button', { name: 'Save my profile' }).count()).toBe(1);
    await checkPage(page, 'account-06-history-en');
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();

    // and its tracking page opens from there, without typing anything
    await entry.getByRole('link', { name: `Suivre la demande ${code}` }).click();
    await page.locator('.timeline').waitFor();
    expect(await page.locator('.timeline__text').first().textContent()).toBe('Demande déposée.');
    await page.goBack();

    // when they give a wrong phone number in their profile
    const phone = page.getByRole('textbox', { name: 'Téléphone' });
    await phone.fill('06 12');
    await page.getByLabel('Numéro et rue').fill('3 rue des Lilas');
    await page.getByLabel('Code postal').fill('67000');
    await page.getByLabel('Commune', { exact: true }).fill('Strasbourg');
    await page.getByRole('button', { name: 'Enregistrer mon profil' }).click();

    // then the problem is written beside the phone, and nothing is saved
    await expect.poll(() => page.locator('#profile-phone-error').textContent()).toContain('n’est pas valide');
    expect(await phone.getAttribute('aria-invalid')).toBe('true');
    expect(await phone.getAttribute('aria-describedby')).toContain('profile-phone-error');
    const [unsaved] = await parvis.sql<{ phone: string | null }[]>`select phone from citizens where email = ${EMAIL}`;
    expect(unsaved!.phone).toBeNull();
    await checkPage(page, 'account-07-profile-error');

    // when they correct it
    await phone.fill('06 12 34 56 78');
    await page.getByRole('checkbox', { name: /par SMS/ }).check();
    await page.getByRole('button', { name: 'Enregistrer mon profil' }).click();
    await page.getByRole('status').filter({ hasText: 'Votre profil est enregistré.' }).waitFor();
    expect(await page.locator('#profile-phone-error').count()).toBe(0);

    // then the profile stays as saved
    await page.reload();
    await expect.poll(() => page.getByRole('textbox', { name: 'Téléphone' }).inputValue()).toBe('06 12 34 56 78');
    expect(await page.getByLabel('Commune', { exact: true }).inputValue()).toBe('Strasbourg');
    expect(await page.getByRole('checkbox', { name: /par SMS/ }).isChecked()).toBe(true);

    // when they download their data
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger mes données' }).click(),
    ]);

    // then the JSON file holds their profile, consent and request
    expect(download.suggestedFilename()).toMatch(/^mes-donnees-\d{4}-\d\d-\d\d\.json$/);
    const data = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(data).toMatchObject({
      profile: { firstName: 'Léa', lastName: 'Martin', email: EMAIL, phone: '06 12 34 56 78' },
      consents: [{ purpose: 'compte', text: consentText }],
      requests: [{ trackingCode: code, data: { subject: 'Jardins familiaux', email: EMAIL } }],
    });

    // when they sign out, and from a form sign back in with a one-time link
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect.poll(() => header(page).getByRole('link', { name: 'Se connecter' }).count()).toBe(1);
    await page.goto(`${parvis.url}/demarches/contact`);
    await page.getByRole('link', { name: 'Vous avez un compte ? Connectez-vous' }).click();
    const linkBox = page.getByRole('region', { name: 'Sans mot de passe' });
    await linkBox.getByRole('textbox', { name: 'Adresse e-mail' }).fill(EMAIL);
    const before = parvis.smtp.messages().length;
    await linkBox.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
    await linkBox.getByRole('status').filter({ hasText: 'un lien vient d’y être envoyé' }).waitFor();
    await checkPage(page, 'account-08-link-sent');
    await page.goto(await linkFromMailbox(before));

    // then they are back on the form, signed in, their e-mail filled in
    await page.waitForURL(`${parvis.url}/demarches/contact`);
    await expect.poll(() => formEmail.inputValue(), { timeout: 30_000 }).toBe(EMAIL);
    expect(await header(page).getByRole('link', { name: 'Mon compte' }).count()).toBe(1);

    // given the form being filled when the session expires
    await page.getByRole('textbox', { name: 'Objet de votre demande', exact: true }).fill('Salle des fêtes');
    await page.getByRole('textbox', { name: 'Votre message', exact: true }).fill('Est-elle libre le 14 juillet ?');
    await parvis.sql`delete from citizen_sessions`;

    // when they send it
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();

    // then nothing is sent and they are asked to sign in again
    await page.getByRole('alert').filter({ hasText: 'Votre session a expiré' }).waitFor();
    expect(page.url()).toBe(`${parvis.url}/demarches/contact`);
    await page.getByRole('link', { name: 'Se reconnecter' }).click();
    await page.getByText('Votre session a expiré. Reconnectez-vous').waitFor();
    await signInByPassword(page);

    // and back on the form, what they typed is there; sent, it joins the account
    await page.waitForURL(`${parvis.url}/demarches/contact`);
    const subject = page.getByRole('textbox', { name: 'Objet de votre demande', exact: true });
    await expect.poll(() => subject.inputValue(), { timeout: 30_000 }).toBe('Salle des fêtes');
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await page.waitForURL(/\/recu\//);
    const second = (await page.getByTestId('tracking-code').textContent())!.trim();
    await header(page).getByRole('link', { name: 'Mon compte' }).click();
    await page.locator(`[data-tracking-code="${second}"]`).waitFor();
    expect(await page.locator('.request-history__item').count()).toBe(2);

    // when they ask to delete their account
    await page.getByRole('button', { name: 'Supprimer mon compte…' }).click();

    // then a confirmation says what is erased and what is kept anonymised
    const dialog = page.getByRole('dialog', { name: 'Supprimer votre compte ?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Seront effacés : vos nom et prénom, votre adresse e-mail');
    expect(await dialog.textContent()).toContain('Seront conservées, sans votre nom : vos demandes');
    await checkPage(page, 'account-09-delete-confirm');

    // when they confirm
    await dialog.getByRole('button', { name: 'Oui, supprimer définitivement' }).click();

    // then the account is gone, the requests stay without their identity
    await page.getByRole('status').filter({ hasText: 'Votre compte est supprimé.' }).waitFor();
    expect(await header(page).getByRole('link', { name: 'Se connecter' }).count()).toBe(1);
    await checkPage(page, 'account-10-deleted');
    const requests = await parvis.sql<{ tracking_code: string; citizen_email: string | null }[]>`
      select tracking_code, citizen_email from requests where tracking_code in (${code}, ${second})`;
    expect(requests).toHaveLength(2);
    expect(requests.every((r) => r.citizen_email === null)).toBe(true);

    // and they can no longer sign in
    await header(page).getByRole('link', { name: 'Se connecter' }).click();
    await signInByPassword(page);
    await page.getByRole('alert').filter({ hasText: 'Adresse e-mail ou mot de passe incorrect' }).waitFor();
    expect(page.url()).toContain('/connexion');
  });
});

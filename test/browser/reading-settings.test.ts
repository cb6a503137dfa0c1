import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPage, portalInChromium } from '../support/browser.ts';
import { lastLinkTo } from '../support/citizen-links.ts';
import type { RunningParvis } from '../support/parvis.ts';

const EMAIL = 'nadia@example.fr';
const PASSWORD = 'un mot de passe assez long';

/** What the page's root computes: text size, line height, text colour, and the contrast chosen. */
const reading = (page: Page) =>
  page.evaluate(() => {
    const style = getComputedStyle(document.documentElement);
    return {
      fontSize: style.fontSize,
      lineHeight: Number.parseFloat(style.lineHeight) / Number.parseFloat(style.fontSize),
      color: style.color,
      contrast: document.documentElement.dataset.contrast,
    };
  });

describe('reading settings, the catalogue by audience and form-js texts, in Chromium', () => {
  let parvis: RunningParvis;
  let browser: Browser;

  portalInChromium((started) => ({ parvis, browser } = started));
  beforeAll(async () => {
    // a citizen with an account and a password
    const client = parvis.client();
    await client.data(
      `mutation ($e: String!, $p: String!) { signUp(municipality: "demo", email: $e, password: $p, firstName: "Nadia",
        consent: { purpose: "compte", text: "J'accepte." }) }`,
      { e: EMAIL, p: PASSWORD },
    );
    await client.data('mutation ($t: String!) { signInWithLink(municipality: "demo", token: $t) { id } }', {
      t: await lastLinkTo(parvis, EMAIL),
    });
  }, 120_000);

  async function signIn(page: Page) {
    await page.goto(`${parvis.url}/connexion`);
    const withPassword = page.getByRole('region', { name: 'Avec votre mot de passe' });
    await withPassword.getByRole('textbox', { name: 'Adresse e-mail' }).fill(EMAIL);
    await withPassword.getByLabel('Mot de passe').fill(PASSWORD);
    await withPassword.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
  }

  it('keeps larger text and high contrast after a reload, and brings them to another browser from the account', {
    timeout: 180_000,
  }, async () => {
    // given a signed-in citizen on the catalogue, in standard settings
    const laptop = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await signIn(laptop);
    await laptop.goto(`${parvis.url}/`);
    expect(await reading(laptop)).toMatchObject({ fontSize: '16px', contrast: 'standard' });

    // when she opens the display settings from the header and chooses very large text, high contrast, wide lines
    await laptop.getByRole('button', { name: 'Affichage' }).click();
    await laptop.getByRole('radio', { name: 'Très grande' }).check();
    await laptop.getByRole('radio', { name: 'Renforcé' }).check();
    await laptop.getByRole('radio', { name: 'Augmenté', exact: true }).check();

    // then the text is one and a half times larger, black on white, with wider lines
    const chosen = { fontSize: '24px', color: 'rgb(0, 0, 0)', contrast: 'high' };
    expect(await reading(laptop)).toMatchObject(chosen);
    expect((await reading(laptop)).lineHeight).toBeCloseTo(1.8);
    await checkPage(laptop, 'reading-settings-panel');

    // and after a reload they are still applied
    await laptop.reload();
    await laptop.getByRole('heading', { level: 1 }).waitFor();
    expect(await reading(laptop)).toMatchObject(chosen);
    // and her account keeps them
    await expect
      .poll(
        async () =>
          (await parvis.sql`select reading_settings from citizens where email = ${EMAIL}`)[0]?.reading_settings,
      )
      .toEqual({ textSize: 'larger', contrast: 'high', lineSpacing: 'wide' });

    // when she opens the portal in another browser, the settings are the standard ones
    const phone = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await phone.goto(`${parvis.url}/`);
    await phone.getByRole('heading', { level: 1 }).waitFor();
    expect(await reading(phone)).toMatchObject({ fontSize: '16px', contrast: 'standard' });
    // then once she signs in there, her account's settings apply
    await signIn(phone);
    await expect.poll(() => reading(phone)).toMatchObject(chosen);

    // and the catalogue in high contrast has no serious accessibility problem (colour contrast included)
    await phone.goto(`${parvis.url}/`);
    await phone.getByRole('link', { name: /^Associations \(\d+\)$/ }).waitFor();
    expect(await reading(phone)).toMatchObject(chosen);
    await checkPage(phone, 'reading-catalogue-high-contrast');
    // and so has a form
    await phone.goto(`${parvis.url}/demarches/contact`);
    await phone.locator('.generated-form .fjs-form').waitFor();
    await checkPage(phone, 'reading-form-high-contrast');
  });

  it("gives agents' pages the same settings", { timeout: 120_000 }, async () => {
    // given an agent whose browser remembers large text and high contrast
    const context = await browser.newContext({ locale: 'fr-FR' });
    await context.addInitScript(() =>
      localStorage.setItem(
        'parvis.reading',
        JSON.stringify({ textSize: 'large', contrast: 'high', lineSpacing: 'wider' }),
      ),
    );
    const agent = await context.newPage();
    // when they sign in and open their inbox
    await agent.goto(`${parvis.url}/agent/connexion`);
    await agent.getByLabel('Adresse e-mail professionnelle').fill('accueil@demoville.fr');
    await agent.getByLabel('Mot de passe').fill('demo-accueil');
    await agent.getByRole('button', { name: 'Se connecter' }).click();
    await agent.waitForURL(`${parvis.url}/agent`);
    await agent.getByRole('heading', { level: 1 }).waitFor();
    // then the inbox is in those settings, and still passes axe-core
    expect(await reading(agent)).toMatchObject({ fontSize: '20px', color: 'rgb(0, 0, 0)', contrast: 'high' });
    expect((await reading(agent)).lineHeight).toBeCloseTo(2.1);
    expect(await agent.getByRole('button', { name: 'Affichage' }).isVisible()).toBe(true);
    await checkPage(agent, 'reading-inbox-high-contrast');
  });

  it('filters the catalogue by audience, in an address that can be shared', { timeout: 120_000 }, async () => {
    // given a citizen on the catalogue of the eight shipped procedures
    const page = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await page.goto(`${parvis.url}/`);
    const titles = () => page.locator('.procedure-list a').allTextContents();
    await expect.poll(async () => (await titles()).length).toBe(8);

    // when they choose the associations
    await page.getByRole('link', { name: /^Associations \(\d+\)$/ }).click();

    // then the grant is listed, and not the procedures for households or businesses only
    await page.waitForURL(/\?public=associations$/);
    await expect
      .poll(async () => (await titles()).map((t) => t.trim()))
      .toContain('Demander une subvention pour une association');
    const shown = (await titles()).map((t) => t.trim());
    expect(shown).not.toContain('Inscrire son enfant en crèche');
    expect(shown.some((t) => t.startsWith('Demander un acte d')) || shown.some((t) => t.startsWith('Occuper'))).toBe(
      false,
    );
    expect(await page.getByRole('link', { name: /^Associations/ }).getAttribute('aria-current')).toBe('true');
    expect(await page.getByRole('status').textContent()).toMatch(new RegExp(`^${shown.length} démarche\\(s\\) sur 8$`));

    // and the search narrows it further, each link counting what it would show
    await page.getByRole('searchbox', { name: 'Rechercher une démarche' }).fill('subvention');
    await expect.poll(async () => (await titles()).length).toBe(1);
    expect(await page.getByRole('link', { name: /^Particuliers/ }).textContent()).toContain('(0)');
    await checkPage(page, 'catalogue-associations');

    // and the address, opened elsewhere, shows the same filter
    const other = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await other.goto(`${parvis.url}/?public=associations`);
    await expect
      .poll(async () => (await other.locator('.procedure-list a').allTextContents()).map((t) => t.trim()))
      .toEqual(shown);
  });

  it("writes form-js's own texts in the portal's language", { timeout: 120_000 }, async () => {
    // given a citizen on a form with a list and a date, in French
    const page = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await page.goto(`${parvis.url}/demarches/etat-civil`);
    const form = page.locator('.generated-form');
    await form.locator('.fjs-form').waitFor();
    const date = form.locator('.fjs-datepicker input').first();
    /** The calendar's first weekday and the name of its month list. */
    const calendar = async () => {
      await date.click();
      const day = (await form.locator('.flatpickr-weekday').first().textContent())?.trim();
      const month = await form.locator('.flatpickr-monthDropdown-months').getAttribute('aria-label');
      await page.keyboard.press('Escape');
      return [day, month];
    };
    // then the list, the date's placeholder and its calendar say their words in French
    await expect.poll(() => form.locator('.fjs-select-display').first().textContent()).toBe('Choisir…');
    expect(await date.getAttribute('placeholder')).toMatch(/^(jj|mm|aaaa)\W(jj|mm|aaaa)\W(jj|mm|aaaa)$/);
    expect(await calendar()).toEqual(['lun', 'Mois']);
    await checkPage(page, 'form-texts-fr');

    // when they switch to English and send the form empty
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => form.locator('.fjs-select-display').first().textContent()).toBe('Select');
    expect(await date.getAttribute('placeholder')).not.toMatch(/jj|aaaa/);
    expect(await calendar()).toEqual(['Sun', 'Month']);
    await page.getByRole('button', { name: 'Send my request' }).click();

    // then each required field says so in English
    await expect
      .poll(() => form.locator('.fjs-form-field-error').first().textContent())
      .toBe('This field is required.');
    expect(await form.locator('.fjs-form-field-error').allTextContents()).not.toContain('Ce champ est obligatoire.');
    await checkPage(page, 'form-texts-en');
  });
});

import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkPage, portalInChromium, signInAgent } from '../support/browser.ts';
import type { RunningParvis } from '../support/parvis.ts';

// Issue 22, point 3 in Chromium: the manager opens « Présence des agents », gives Camille a part-time
// pattern (no Wednesday afternoon, every other Friday off) and reads the week by group: Accueil has
// nobody on Wednesday afternoon (Dominique is away), said in words above the table; Ascension Day
// reads « férié »; a pattern ending before it starts is refused in words — at 1280 and 375 px, axe clean.

const PHONE = { width: 375, height: 812 };
const SIGN_IN = `mutation { signIn(municipality: "demo", email: "manager@demoville.fr", password: "demo-manager") { id } }`;

describe("agents' presence, the week by group, in Chromium", () => {
  let parvis: RunningParvis;
  let browser: Browser;

  portalInChromium((started) => ({ parvis, browser } = started));

  it('edits a part-time pattern and shows the group with nobody present', { timeout: 240_000 }, async () => {
    // given the Accueil group, and Dominique away on Wednesday 5 May 2027
    await parvis.sql`insert into agent_groups (municipality_id, key, name) values ('demo', 'accueil', 'Accueil')
      on conflict (municipality_id, key) do update set name = 'Accueil'`;
    const manager = parvis.client();
    const { signIn } = await manager.data<{ signIn: { id: string } }>(SIGN_IN);
    await manager.data(
      'mutation ($a: ID!) { declareAbsence(absence: { agentId: $a, startsAt: "2027-05-04T22:00:00Z", endsAt: "2027-05-05T22:00:00Z", reason: "Formation" }) { id } }',
      { a: signIn.id },
    );

    // when the manager opens the page and shows the week of 5 May 2027
    const page = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await signInAgent(page, parvis.url, 'manager@demoville.fr', 'demo-manager');
    await page.goto(`${parvis.url}/responsable`);
    await page.getByRole('link', { name: 'Présence des agents' }).click();
    await page.getByRole('heading', { level: 1, name: 'Présence des agents' }).waitFor();
    await page.getByLabel('Un jour de la semaine').fill('2027-05-05');
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.getByText('Semaine du lundi 3 mai au dimanche 9 mai.').waitFor();

    // and gives Camille a pattern: no Wednesday afternoon; in week B no Friday either
    await page.getByRole('combobox', { name: 'Agent' }).selectOption({ label: 'Camille Accueil' });
    await page.getByLabel('À partir du').fill('2027-05-03');
    const weekA = page.getByRole('group', { name: 'Demi-journées travaillées (semaine A)' });
    await weekA.getByLabel('mercredi après-midi').uncheck();
    await page.getByLabel('Semaines alternées').check();
    const weekB = page.getByRole('group', { name: 'Demi-journées travaillées (semaine B)' });
    for (const half of ['mercredi après-midi', 'vendredi matin', 'vendredi après-midi'])
      await weekB.getByLabel(half).uncheck();
    await page.getByRole('button', { name: 'Enregistrer le rythme' }).click();
    await page.getByText('Rythme enregistré.').waitFor();

    // then Accueil has nobody on Wednesday afternoon, said in words, and the table says who is where
    const gaps = page.locator('[data-section="gaps"]');
    await expect
      .poll(() => gaps.textContent(), { timeout: 20_000 })
      .toContain('Accueil : personne mercredi 5 mai après-midi.');
    const accueil = page.locator('[data-group="accueil"]');
    const row = (name: string) => accueil.getByRole('row', { name: new RegExp(`^${name}`) });
    expect(await row('Camille Accueil').locator('[data-day="2027-05-05"][data-half="PM"]').textContent()).toContain(
      'repos',
    );
    expect(await row('Dominique Manager').locator('[data-day="2027-05-05"][data-half="AM"]').textContent()).toContain(
      'absent',
    );
    expect(await row('Camille Accueil').locator('[data-day="2027-05-06"][data-half="AM"]').textContent()).toContain(
      'férié',
    );
    expect(await row('Présents').locator('[data-day="2027-05-05"][data-half="PM"]').textContent()).toContain(
      'personne',
    );
    await checkPage(page, 'presence-01-week-1280');

    // and the next week (B) Camille is off on Friday
    await page.getByRole('button', { name: 'Semaine suivante' }).click();
    await page.getByText('Semaine du lundi 10 mai au dimanche 16 mai.').waitFor();
    expect(await row('Camille Accueil').locator('[data-day="2027-05-14"][data-half="AM"]').textContent()).toContain(
      'repos',
    );

    // when a pattern would end before it starts, it is refused in words, and nothing is saved
    await page.getByLabel('À partir du').fill('2028-02-01');
    await page.getByLabel('Jusqu’au (facultatif)').fill('2028-01-01');
    await page.getByRole('button', { name: 'Enregistrer le rythme' }).click();
    await page
      .getByRole('alert')
      .getByText(/La fin \(2028-01-01\) précède le début \(2028-02-01\)/)
      .waitFor();
    expect(await page.getByText(/^\s*Du 2028-02-01/).count()).toBe(0);
    await checkPage(page, 'presence-02-refused-1280');

    // and on a phone the page reads, the week's tables scroll within their frame
    await page.setViewportSize(PHONE);
    await page.getByLabel('Un jour de la semaine').fill('2027-05-05');
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.getByText('Semaine du lundi 3 mai au dimanche 9 mai.').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await checkPage(page, 'presence-03-week-375');
  });
});

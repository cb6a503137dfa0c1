import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { checkPage, inboxRow, portalInChromium, signInAgent } from '../support/browser.ts';
import type { RunningParvis } from '../support/parvis.ts';

const EMAIL = 'ines.moreau@example.fr';

/** A real picture the citizen took: a grey pothole on a dark road. */
function pothole(): Buffer {
  const png = new PNG({ width: 64, height: 48 });
  for (let i = 0; i < 64 * 48; i++) {
    const hole = ((i % 64) - 32) ** 2 + (Math.floor(i / 64) - 24) ** 2 < 150;
    png.data.set(hole ? [140, 140, 140, 255] : [30, 30, 30, 255], i * 4);
  }
  return PNG.sync.write(png);
}

describe('a citizen attaches a photo to a report; the agent sees and downloads it', () => {
  let parvis: RunningParvis;
  let browser: Browser;

  portalInChromium((started) => ({ parvis, browser } = started));

  it('uploads the photo with the form, keeps it in the draft, and the roads agent downloads it', {
    timeout: 300_000,
  }, async () => {
    // given a citizen on the report form
    const citizen = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await citizen.goto(`${parvis.url}/demarches/signalement`);
    const picker = citizen.locator('.parvis-file-picker');
    const choose = citizen.getByRole('button', { name: 'Photos du problème (recommandées) Choisir des fichiers' });
    await choose.waitFor();
    const attach = async (file: { name: string; mimeType: string; buffer: Buffer }) => {
      const [chooser] = await Promise.all([citizen.waitForEvent('filechooser'), choose.click()]);
      expect(chooser.isMultiple()).toBe(true);
      await chooser.setFiles(file);
    };

    // when they choose a PDF where the form asks for photos
    await attach({
      name: 'plan.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    // then it is refused beside the field, in French, and nothing is attached
    await expect
      .poll(() => picker.locator('.parvis-file-picker__refused').textContent())
      .toContain("« plan.pdf » n’a pas été joint : « plan.pdf » n'est pas d'un type accepté ici");
    expect(await picker.locator('.parvis-file-picker__files li').count()).toBe(0);

    // when they choose their photo
    await attach({ name: 'nid-de-poule.png', mimeType: 'image/png', buffer: pothole() });
    // then it is uploaded and listed, with a button to remove it
    const attached = picker.locator('.parvis-file-picker__files li');
    await expect.poll(() => attached.textContent()).toContain('nid-de-poule.png');
    expect(await picker.getByRole('button', { name: 'Retirer « nid-de-poule.png »' }).count()).toBe(1);
    await checkPage(citizen, 'files-01-form-with-photo');

    // and after a reload the draft still holds it
    await citizen.getByRole('textbox', { name: 'Adresse ou lieu précis', exact: true }).fill('3 rue des Écoles');
    await citizen.reload();
    await expect
      .poll(() => citizen.locator('.parvis-file-picker__files li').textContent())
      .toContain('nid-de-poule.png');

    // and in English the field speaks English, the photo still attached, a refusal in English too
    await citizen.getByRole('button', { name: 'English' }).click();
    const chooseEn = citizen.getByRole('button', { name: 'Photos du problème (recommandées) Choose files (up to 10)' });
    await chooseEn.waitFor();
    expect(await citizen.getByRole('button', { name: 'Remove "nid-de-poule.png"' }).count()).toBe(1);
    const [chooser] = await Promise.all([citizen.waitForEvent('filechooser'), chooseEn.click()]);
    await chooser.setFiles({ name: 'notes.txt', mimeType: 'image/png', buffer: Buffer.from('pas une photo') });
    await expect
      .poll(() => citizen.locator('.parvis-file-picker__refused').textContent())
      .toContain('"notes.txt" was not attached: "notes.txt" is not of a type accepted here (judging by its content)');
    await checkPage(citizen, 'files-02-form-en');
    await citizen.getByRole('button', { name: 'Français' }).click();
    await choose.waitFor();

    // when they describe the problem and send the report
    await citizen.locator('.fjs-form-field-select .fjs-input-group').click();
    await citizen.locator('.fjs-dropdownlist-item', { hasText: 'Nid-de-poule' }).click();
    await citizen
      .getByRole('textbox', { name: 'Description du problème', exact: true })
      .fill('Un nid-de-poule profond devant l’école, photo jointe.');
    await citizen.getByRole('textbox', { name: 'Votre adresse e-mail', exact: true }).fill(EMAIL);
    await citizen.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await citizen.waitForURL(/\/recu\//);
    const code = (await citizen.getByTestId('tracking-code').textContent())!.trim();

    // then the photo is the request's, as sent
    const [stored] = await parvis.sql<{ name: string; content_type: string; content: Buffer }[]>`
      select f.name, f.content_type, f.content from stored_files f join requests r on r.id = f.request_id
      where r.tracking_code = ${code}`;
    expect(stored).toMatchObject({ name: 'nid-de-poule.png', content_type: 'image/png' });
    expect(stored!.content.equals(pothole())).toBe(true);

    // and following the request, the citizen sees what they sent
    await citizen.getByRole('link', { name: 'Suivre cette demande' }).click();
    const sent = citizen.getByRole('link', { name: 'Télécharger « nid-de-poule.png »' });
    await sent.waitFor();
    await checkPage(citizen, 'files-03-tracking');

    // given the roads agent, who opens the report's task
    const agent = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await signInAgent(agent, parvis.url, 'voirie@demoville.fr', 'demo-voirie');
    const row = await inboxRow(agent, code);
    await row.getByRole('link', { name: 'Intervenir sur la voirie' }).click();

    // then the task page lists the photo, and the request's data names it
    const download = agent.getByRole('link', { name: 'Télécharger « nid-de-poule.png »' });
    await download.waitFor();
    expect(await agent.locator('.request-data').textContent()).toContain('nid-de-poule.png');
    await checkPage(agent, 'files-04-task');

    // when they download it, they get the citizen's photo
    const [file] = await Promise.all([agent.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toBe('nid-de-poule.png');
    const path = await file.path();
    expect((await readFile(path)).equals(pothole())).toBe(true);
  });
});

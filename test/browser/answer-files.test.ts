import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkPage, portalInChromium } from '../support/browser.ts';
import { deployDocumentsProcedure } from '../support/documents-procedure.ts';
import type { RunningParvis } from '../support/parvis.ts';

const EMAIL = 'nora@example.fr';
const SUBMIT = `mutation ($data: JSON!) {
  submitRequest(municipality: "demo", procedure: "pieces", data: $data) { trackingCode } }`;

describe('a citizen answers the town hall from the tracking page, with the documents asked for', () => {
  let parvis: RunningParvis;
  let browser: Browser;

  portalInChromium((started) => ({ parvis, browser } = started));

  it('uploads the documents beside the answer, refuses a wrong one there, and the request keeps them', {
    timeout: 300_000,
  }, async () => {
    // given a request that waits for the citizen's documents
    await deployDocumentsProcedure(parvis.sql);
    const { submitRequest } = await parvis.client().data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
      data: { email: EMAIL },
    });
    const code = submitRequest.trackingCode;

    // when the citizen follows it
    const citizen = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    const answerForm = citizen.locator('.answer-form');
    await expect
      .poll(
        async () => {
          await citizen.goto(`${parvis.url}/suivi/${code}`);
          await citizen.getByLabel('Adresse e-mail').fill(EMAIL);
          await citizen.getByRole('button', { name: 'Voir ma demande' }).click();
          // The conversation, where the form is, loads with the request after the timeline: counted
          // before it had drawn, the form was missed for up to two minutes on a busy machine, while
          // the API said all along that the request waited for the citizen.
          await citizen.locator('.citizen-conversation').waitFor();
          return answerForm.count();
        },
        // until the request waits at its message catch
        { timeout: 60_000, interval: 1000 },
      )
      .toBe(1);

    // and chooses a file that is not a PDF where the form asks for one
    const choose = answerForm.getByRole('button', {
      name: 'Choisir des fichiers (jusqu’à 10) — Justificatif de domicile',
    });
    const [chooser] = await Promise.all([citizen.waitForEvent('filechooser'), choose.click()]);
    await chooser.setFiles({ name: 'photo.txt', mimeType: 'application/pdf', buffer: Buffer.from('pas un PDF') });
    // then it is refused beside the field, in words
    await expect
      .poll(() => answerForm.locator('.field__error').textContent())
      .toContain('« photo.txt » n’a pas été joint');
    await checkPage(citizen, 'answer-files-01-refused');

    // when they choose the PDF, write their answer and send it
    await citizen.getByLabel('Justificatif de domicile').setInputFiles({
      name: 'justificatif.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n%justificatif\n%%EOF\n'),
    });
    await answerForm.getByRole('button', { name: 'Retirer « justificatif.pdf »' }).waitFor();
    await checkPage(citizen, 'answer-files-02-attached');
    await citizen.getByLabel('Votre réponse').fill('Voici mon justificatif de domicile.');
    await citizen.getByRole('button', { name: 'Envoyer ma réponse' }).click();

    // then they are told it was sent, the form goes, and the request lists the document
    await citizen.getByRole('status').filter({ hasText: 'Votre réponse a été envoyée à la mairie.' }).waitFor();
    // (with the answer in the conversation, and among the request's files)
    const download = citizen.getByRole('link', { name: 'Télécharger « justificatif.pdf »' });
    await expect.poll(() => download.count()).toBe(2);
    expect(await answerForm.count()).toBe(0);
    const stored = await parvis.sql<{ name: string }[]>`select f.name from stored_files f
      join requests r on r.id = f.request_id where r.tracking_code = ${code}`;
    expect(stored).toEqual([{ name: 'justificatif.pdf' }]);
    await checkPage(citizen, 'answer-files-03-sent');
  });
});

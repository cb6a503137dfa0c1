import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkPage, portalInChromium, signInAgent } from '../support/browser.ts';
import type { RunningParvis } from '../support/parvis.ts';
import { pdfText } from '../support/pdf.ts';

// The front desk and the citizen's record, as the counter and a manager use them: Mme Martin, who
// has no e-mail, writes to the town hall; the desk registers her letter with its scan and prints
// the reply; she calls later; her record lists both; a manager words a letter template, previews it
// with her request, and the desk prints her letter with it. At 1280 and 375 pixels wide.

/** What the scanner makes of Mme Martin's letter. */
const SCANNED_LETTER = Buffer.from('%PDF-1.4\n%%EOF\n');

/** Nothing scrolls sideways on a phone. */
async function fitsWidth(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

/** The PDF a link of the page opens, read with the page's session. */
async function pdfBehind(page: Page, linkName: string | RegExp): Promise<string> {
  const href = await page.getByRole('link', { name: linkName }).getAttribute('href');
  const response = await page.request.get(new URL(href!, page.url()).toString());
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  return pdfText(new Uint8Array(await response.body()));
}

/** A text field of the page by its exact name. */
const field = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });

/** Registers a request on the desk for the citizen chosen: channel, procedure, form, scans. */
async function register(page: Page, channel: string, subject: string, message: string) {
  await page.getByLabel(channel).check();
  await page.getByRole('combobox', { name: 'Démarche', exact: true }).selectOption({ label: 'Contacter la mairie' });
  await page.getByLabel('Objet de votre demande').fill(subject);
  await page.getByLabel('Votre message').fill(message);
}

describe('the front desk registers requests for a citizen, and the record shows them', () => {
  let parvis: RunningParvis;
  let browser: Browser;
  let postCode = '';
  let phoneCode = '';
  let recordUrl = '';

  portalInChromium((started) => ({ parvis, browser } = started));

  it('finds or creates Mme Martin once, registers her letter with its scan, and prints the reply letter', {
    timeout: 300_000,
  }, async () => {
    // given the desk agent at the front desk
    const desk = await (
      await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } })
    ).newPage();
    await signInAgent(desk, parvis.url, 'accueil@demoville.fr', 'demo-accueil');
    await desk.getByRole('link', { name: 'Accueil du public' }).click();
    await desk.getByRole('heading', { name: 'Accueil du public : enregistrer une demande' }).waitFor();

    // when they search for Mme Martin, unknown yet, and create her record
    await desk.getByLabel('Rechercher un habitant (nom, e-mail ou téléphone)').fill('Martin');
    await desk.getByRole('button', { name: 'Rechercher' }).click();
    await desk.getByText('Aucun habitant ne correspond à « Martin ».').waitFor();
    await desk.getByRole('button', { name: 'Nouvel habitant' }).click();
    await field(desk, 'Prénom').fill('Jeanne');
    await field(desk, 'Nom').fill('Martin');
    await field(desk, 'Téléphone').fill('06 44 55 66 77');
    await field(desk, 'Numéro et rue').fill('12 rue des Lilas');
    await field(desk, 'Code postal').fill('75011');
    await field(desk, 'Commune').fill('Démoville');
    await checkPage(desk, 'front-desk-01-new-citizen-1280');
    await desk.getByRole('button', { name: 'Créer la fiche' }).click();
    await desk.getByText('Demande pour : Jeanne Martin').waitFor();

    // and, changing their mind, try to create her again with her number written another way
    await desk.getByRole('button', { name: 'Changer d’habitant' }).click();
    await desk.getByRole('button', { name: 'Nouvel habitant' }).click();
    await field(desk, 'Nom').fill('Martin');
    await field(desk, 'Téléphone').fill('+33 6 44 55 66 77');
    await desk.getByRole('button', { name: 'Créer la fiche' }).click();

    // then the desk is told she is on record, and offered her record instead of a second one
    const refusal = desk.getByRole('alert');
    await refusal.getByText('Jeanne Martin est déjà enregistré·e avec ce numéro de téléphone').waitFor();
    await checkPage(desk, 'front-desk-02-already-on-record-1280');
    await refusal.getByRole('button', { name: 'Choisir cette fiche' }).click();
    await desk.getByText('Demande pour : Jeanne Martin').waitFor();

    // when they register her letter, received by post, with its scan
    await register(desk, 'par courrier', 'Stationnement', 'Je demande une place de stationnement devant chez moi.');
    await desk.locator('#scans-input').setInputFiles({
      name: 'lettre-mme-martin.pdf',
      mimeType: 'application/pdf',
      buffer: SCANNED_LETTER,
    });
    // (uploaded: it can be removed)
    await desk.getByRole('button', { name: 'Retirer lettre-mme-martin.pdf' }).waitFor();
    // and the form does not ask for the e-mail she does not have
    const label = (text: string) => desk.locator('label', { hasText: text }).textContent();
    expect(await label('Objet de votre demande')).toContain('*');
    expect(await label('Votre adresse e-mail')).not.toContain('*');
    await checkPage(desk, 'front-desk-03-form-1280');
    await desk.getByRole('button', { name: 'Enregistrer la demande' }).click();

    // then the request is registered, and the reply goes by post since she has no e-mail
    await desk.getByRole('heading', { name: 'Demande enregistrée' }).waitFor();
    postCode = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(
      (await desk.getByText('Numéro de suivi à communiquer à l’habitant').textContent()) ?? '',
    )![0];
    await desk.getByText('par courrier postal : imprimez la lettre ci-dessous et postez-la').waitFor();
    await checkPage(desk, 'front-desk-04-registered-1280');
    // and the letter to print carries the letterhead, her address, the tracking code and the reply
    const letter = await pdfBehind(desk, 'Imprimer le courrier d’accusé de réception (PDF)');
    for (const words of ['Mairie de Démoville', 'Jeanne Martin', '12 rue des Lilas', '75011 Démoville', postCode]) {
      expect(letter).toContain(words);
    }
    expect(letter).toContain('a bien reçu votre demande « Contacter la mairie »');
    // and the scan is the request's
    const [scan] = await parvis.sql<{ name: string }[]>`
      select f.name from stored_files f join requests r on r.id = f.request_id where r.tracking_code = ${postCode}`;
    expect(scan?.name).toBe('lettre-mme-martin.pdf');

    // when she calls later, and the desk finds her by name
    await desk.getByRole('button', { name: 'Enregistrer une autre demande' }).click();
    await desk.getByLabel('Rechercher un habitant (nom, e-mail ou téléphone)').fill('jeanne mar');
    await desk.getByRole('button', { name: 'Rechercher' }).click();
    await desk.getByRole('button', { name: 'Choisir Jeanne Martin' }).click();
    await register(desk, 'par téléphone', 'Encombrants', 'Quand passe la collecte des encombrants rue des Lilas ?');
    await desk.getByRole('button', { name: 'Enregistrer la demande' }).click();

    // then the reply to her call goes by text message, to her number
    await desk.getByText('par SMS, au 06 44 55 66 77').waitFor();
    phoneCode = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(
      (await desk.getByText('Numéro de suivi à communiquer à l’habitant').textContent()) ?? '',
    )![0];

    // when the desk opens her record
    await desk.getByRole('link', { name: 'Voir la fiche de Jeanne Martin' }).click();
    await desk.getByRole('heading', { name: 'Jeanne Martin', level: 1 }).waitFor();
    recordUrl = desk.url();

    // then it lists both requests with their channels, and who registered them
    const rows = desk.locator('table.citizen-requests tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await desk.locator(`tr[data-tracking-code="${postCode}"]`).textContent()).toContain('Courrier postal');
    expect(await desk.locator(`tr[data-tracking-code="${phoneCode}"]`).textContent()).toContain('Téléphone');
    await desk.getByText('Demande enregistrée par Camille Accueil').first().waitFor();
    expect(await desk.getByText('12 rue des Lilas, 75011 Démoville').count()).toBe(1);
    await checkPage(desk, 'citizen-record-01-1280');
  });

  it('lets a manager word a letter template, refuses an unknown variable, previews it with her request; the desk prints it', {
    timeout: 300_000,
  }, async () => {
    // given a manager in the templates' page
    const manager = await (
      await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } })
    ).newPage();
    await signInAgent(manager, parvis.url, 'manager@demoville.fr', 'demo-manager');
    await manager.goto(`${parvis.url}/responsable/modeles`);
    await manager.getByRole('heading', { name: 'Modèles de réponse et de courrier' }).waitFor();

    // when they write a letter template for the contact procedure with a variable nobody gives
    await manager.getByRole('button', { name: 'Nouveau modèle' }).click();
    await manager.getByLabel('Courrier à imprimer').check();
    await manager.getByRole('textbox', { name: 'Nom', exact: true }).fill('Réponse stationnement');
    await manager
      .getByRole('combobox', { name: 'Démarche', exact: true })
      .selectOption({ label: 'Contacter la mairie' });
    await manager.getByLabel('Objet (français)').fill('Votre demande « {{subject}} »');
    const frenchText = manager.getByRole('textbox', { name: 'Texte (français)', exact: true });
    await frenchText.fill('Madame, Monsieur,\n\nVotre demande du {{submittedAt}} coûtera {{montant}}.');
    await manager.getByRole('button', { name: 'Enregistrer le modèle' }).click();

    // then it is refused beside the text, naming the variable
    await manager.getByText('Texte (français) : variable inconnue {{montant}}').waitFor();
    await checkPage(manager, 'templates-01-unknown-variable-1280');

    // when they fix it and preview it with Mme Martin's letter
    await frenchText.fill(
      'Madame, Monsieur,\n\nVotre demande « {{subject}} » du {{submittedAt}} est acceptée : la place sera tracée sous un mois.\nNuméro de suivi : {{trackingCode}}.',
    );
    await manager.getByLabel('Numéro de suivi d’une demande').fill(postCode);
    await manager.getByRole('button', { name: 'Afficher l’aperçu' }).click();

    // then the preview reads with her request's values, the date in words
    const preview = manager.locator('.template-editor__rendered');
    await preview.getByText(`Numéro de suivi : ${postCode}.`).waitFor();
    expect(await preview.textContent()).toContain('Votre demande « Stationnement » du ');
    expect(await preview.textContent()).toMatch(/du \d{1,2} [a-zéû]+ \d{4} est acceptée/);
    await checkPage(manager, 'templates-02-preview-1280');
    await manager.getByRole('button', { name: 'Enregistrer le modèle' }).click();
    await manager.getByText('Modèle « Réponse stationnement » enregistré.').waitFor();
    await checkPage(manager, 'templates-03-list-1280');

    // when the desk prints Mme Martin's letter with it, from her record
    const desk = await (
      await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } })
    ).newPage();
    await signInAgent(desk, parvis.url, 'accueil@demoville.fr', 'demo-accueil');
    await desk.goto(recordUrl);
    await desk.getByLabel('Demande', { exact: true }).selectOption({ value: postCode });
    await desk.getByLabel('Modèle de courrier').selectOption({ label: 'Réponse stationnement (Contacter la mairie)' });
    await desk.getByText('la place sera tracée sous un mois').waitFor();
    await desk.getByRole('button', { name: 'Prendre ce modèle pour le courrier' }).click();
    await checkPage(desk, 'citizen-record-02-letter-template-1280');

    // then the letter says the manager's words with her request's values
    const letter = await pdfBehind(desk, 'Imprimer le courrier avec le modèle choisi (PDF)');
    expect(letter).toContain('Votre demande « Stationnement » du');
    expect(letter).toContain('la place sera tracée sous un mois');
    expect(letter).toContain(`Numéro de suivi : ${postCode}.`);
    expect(letter).toContain('Jeanne Martin');

    // given a canned reply the manager wrote for every procedure
    const managerApi = parvis.client();
    await managerApi.data(
      'mutation { signIn(municipality: "demo", email: "manager@demoville.fr", password: "demo-manager") { id } }',
    );
    await managerApi.data(`mutation { saveReplyTemplate(template: { kind: REPLY, name: "Rappel du numéro",
      bodyFr: "Bonjour {{citizenName}}, votre demande porte le numéro {{trackingCode}}." }) { id } }`);
    // when the desk writes to her about her call, from the request's page, with that reply
    await desk.goto(`${parvis.url}/agent/demandes/${phoneCode}`);
    const composer = desk.getByRole('form', { name: 'Écrire au demandeur' });
    await composer.getByLabel('Modèle de réponse').selectOption({ label: 'Rappel du numéro (toutes les démarches)' });
    await composer.getByRole('button', { name: 'Utiliser ce modèle' }).click();
    // then the message says it with her values, ready to send
    await expect
      .poll(() => composer.getByLabel('Votre message').inputValue())
      .toBe(`Bonjour Jeanne Martin, votre demande porte le numéro ${phoneCode}.`);
    await checkPage(desk, 'request-page-01-reply-template-1280');
  });

  it('works on a 375 px phone without sideways scrolling', { timeout: 300_000 }, async () => {
    // given the desk and a manager on phones
    const phone = { locale: 'fr-FR', viewport: { width: 375, height: 800 } };
    const desk = await (await browser.newContext(phone)).newPage();
    await signInAgent(desk, parvis.url, 'accueil@demoville.fr', 'demo-accueil');
    const manager = await (await browser.newContext(phone)).newPage();
    await signInAgent(manager, parvis.url, 'manager@demoville.fr', 'demo-manager');

    // when the desk opens the front desk, the form of a procedure, and Mme Martin's record
    await desk.goto(`${parvis.url}/agent/accueil`);
    await desk.getByLabel('Rechercher un habitant (nom, e-mail ou téléphone)').fill('Martin');
    await desk.getByRole('button', { name: 'Rechercher' }).click();
    await desk.getByRole('button', { name: 'Choisir Jeanne Martin' }).click();
    await register(desk, 'par courrier', 'Essai', 'Un message assez long pour le formulaire.');
    // then each fits the screen
    await fitsWidth(desk, 375);
    await checkPage(desk, 'front-desk-05-form-375');
    await desk.goto(recordUrl);
    await desk.getByRole('heading', { name: 'Jeanne Martin', level: 1 }).waitFor();
    await desk.locator(`tr[data-tracking-code="${postCode}"]`).waitFor();
    await fitsWidth(desk, 375);
    await checkPage(desk, 'citizen-record-03-375');
    // and in English, the record speaks English
    await desk.getByRole('button', { name: 'English' }).click();
    await desk.getByRole('heading', { name: 'Identity and contact details' }).waitFor();
    await desk.getByText('Request registered by Camille Accueil').first().waitFor();
    await fitsWidth(desk, 375);
    await checkPage(desk, 'citizen-record-04-english-375');

    // and so does the manager's editor with its preview
    await manager.goto(`${parvis.url}/responsable/modeles`);
    await manager.getByRole('button', { name: 'Modifier « Réponse stationnement »' }).click();
    await manager.getByLabel('Numéro de suivi d’une demande').fill(postCode);
    await manager.getByRole('button', { name: 'Afficher l’aperçu' }).click();
    await manager.locator('.template-editor__rendered').waitFor();
    await fitsWidth(manager, 375);
    await checkPage(manager, 'templates-04-editor-375');
  });
});

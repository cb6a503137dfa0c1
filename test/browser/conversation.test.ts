import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkPage, portalInChromium, signInAgent } from '../support/browser.ts';
import {
  deployConversationProcedure,
  fileDossier,
  mailTo,
  openCheck,
  trackingLinkIn,
} from '../support/conversation-procedure.ts';
import { eventually } from '../support/graphql-client.ts';
import type { RunningParvis } from '../support/parvis.ts';

// The town hall and the citizen talk about a request: the agent asks for a missing document, the
// citizen opens the mail's link, reads the question beside the answer box and answers with the
// file; the agent reads the words and the file; colleagues leave each other private notes. At 1280
// and 375 pixels wide, in French and in English.

const PDF = Buffer.from('%PDF-1.4\n%plan coté\n%%EOF\n');

async function fitsWidth(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

describe('one conversation per request, in the browser', () => {
  let parvis: RunningParvis;
  let browser: Browser;

  portalInChromium((started) => ({ parvis, browser } = started));

  /** The mail's link, on this test's server rather than the public address. */
  const here = (url: string) => url.replace('http://parvis.test', parvis.url);

  it('an agent asks for a document, the citizen answers from the mail with the file, the agent reads it; a note mentions a colleague', {
    timeout: 300_000,
  }, async () => {
    // given a terrace request the reception checks
    await deployConversationProcedure(parvis);
    const email = 'lea.terrasse@example.fr';
    const code = await fileDossier(parvis, email);
    const check = await openCheck(parvis, code);

    // when the agent, on the task, says the plan is missing
    const agent = await (
      await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } })
    ).newPage();
    await signInAgent(agent, parvis.url, 'accueil@demoville.fr', 'demo-accueil');
    await agent.goto(`${parvis.url}/agent/taches/${check}`);
    await agent.getByRole('radio', { name: 'Incomplet' }).check();
    await agent.getByRole('textbox', { name: 'Pièce manquante', exact: true }).fill('le plan coté de la terrasse');
    await agent.getByRole('button', { name: 'Terminer la tâche' }).click();
    await agent.getByRole('status').filter({ hasText: 'Tâche terminée' }).waitFor();

    // then the citizen's mail carries the tracking code and a link
    const mail = await mailTo(parvis, email, 'le plan coté de la terrasse');
    expect(mail.subject).toContain(code);
    const { url } = trackingLinkIn(mail.text);

    // when they open it: the request shows without typing anything, the link leaves the address
    const citizen = await (
      await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } })
    ).newPage();
    await citizen.goto(here(url));
    await citizen.getByRole('heading', { name: `Demande ${code}` }).waitFor();
    expect(citizen.url()).not.toContain('lien=');
    // then the question stands right above the answer box
    const answerForm = citizen.locator('.answer-form');
    await answerForm.waitFor();
    expect(await answerForm.locator('blockquote').textContent()).toContain(
      'il nous manque : le plan coté de la terrasse',
    );
    await checkPage(citizen, 'conversation-01-question-1280');

    // when they answer it with the plan
    await citizen
      .getByLabel('Plan de la terrasse')
      .setInputFiles({ name: 'plan.pdf', mimeType: 'application/pdf', buffer: PDF });
    await answerForm.getByRole('button', { name: 'Retirer « plan.pdf »' }).waitFor();
    await citizen.getByLabel('Votre réponse').fill('Voici le plan coté, à l’échelle 1/50.');
    await citizen.getByRole('button', { name: 'Envoyer ma réponse' }).click();
    await citizen.getByRole('status').filter({ hasText: 'Votre réponse a été envoyée à la mairie.' }).waitFor();
    await expect.poll(() => answerForm.count()).toBe(0);
    await checkPage(citizen, 'conversation-02-answered-1280');

    // then the request is checked again, and the agent reads the answer and its file on the task
    const again = await eventually(async () => {
      const id = await openCheck(parvis, code);
      return id !== check ? id : undefined;
    }, 60_000);
    await agent.goto(`${parvis.url}/agent/taches/${again}`);
    const thread = agent.locator('.request-conversation');
    await thread.getByText('Voici le plan coté, à l’échelle 1/50.').waitFor();
    await thread.getByRole('link', { name: 'Télécharger « plan.pdf »' }).waitFor();
    expect(await thread.locator('[data-from="citizen"] .conversation__badge--new').textContent()).toBe('Nouveau');
    await checkPage(agent, 'conversation-03-agent-reads-1280');

    // when the agent leaves a note on the request page for the manager
    await agent.goto(`${parvis.url}/agent/demandes/${code}`);
    const notes = agent.locator('.request-notes');
    await notes.getByLabel('Mentionner un ou une collègue').selectOption({ label: 'Dominique Manager' });
    await notes.getByRole('button', { name: 'Mentionner' }).click();
    await notes.getByLabel('Nouvelle note').press('End');
    await notes.getByLabel('Nouvelle note').pressSequentially('le plan est bon, reste la redevance à voir.');
    await notes.getByRole('button', { name: 'Ajouter la note' }).click();
    await notes.getByText('@Dominique Manager le plan est bon, reste la redevance à voir.').waitFor();
    await checkPage(agent, 'conversation-04-note-1280');

    // then the manager is told by mail, and finds the mention in their inbox, then on the request
    const mention = await mailTo(parvis, 'manager@demoville.fr', 'reste la redevance');
    expect(mention.text).toContain(`http://parvis.test/agent/demandes/${code}`);
    const manager = await (
      await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } })
    ).newPage();
    await signInAgent(manager, parvis.url, 'manager@demoville.fr', 'demo-manager');
    await manager.getByRole('link', { name: `${code} : Camille Accueil vous mentionne` }).click();
    await manager.locator('.request-notes [data-mentions-me]').getByText('Vous êtes mentionné(e)').waitFor();
    await checkPage(manager, 'conversation-05-mentioned-1280');

    // and the citizen's page never shows the note
    await citizen.reload();
    await citizen.goto(here(trackingLinkIn((await mailTo(parvis, email, code)).text).url));
    await citizen.getByRole('heading', { name: `Demande ${code}` }).waitFor();
    await citizen.locator('.citizen-conversation').waitFor();
    expect(await citizen.content()).not.toContain('redevance');

    // and in English, the conversation speaks English
    await citizen.getByRole('button', { name: 'English' }).click();
    await citizen.getByRole('heading', { name: 'Messages with the town hall' }).waitFor();
    await citizen.getByText('Your answer to the town hall.').waitFor();
    await checkPage(citizen, 'conversation-06-english-1280');
  });

  it('on a 375 px phone: the town hall writes with a file, the citizen answers with one, each sees what is new', {
    timeout: 300_000,
  }, async () => {
    // given a request the reception holds
    await deployConversationProcedure(parvis);
    const email = 'noe.terrasse@example.fr';
    const code = await fileDossier(parvis, email);
    await openCheck(parvis, code);
    const phone = { locale: 'fr-FR', viewport: { width: 375, height: 800 } };

    // when the agent, on their phone, writes to the citizen with the terraces' rules
    const agent = await (await browser.newContext(phone)).newPage();
    await signInAgent(agent, parvis.url, 'accueil@demoville.fr', 'demo-accueil');
    await agent.goto(`${parvis.url}/agent/demandes/${code}`);
    const composer = agent.locator('.request-conversation .composer');
    await composer
      .getByLabel('Votre message')
      .fill('Bonjour, voici le règlement des terrasses. Pouvez-vous confirmer la surface ?');
    await composer
      .getByLabel('Joindre des fichiers')
      .setInputFiles({ name: 'reglement.pdf', mimeType: 'application/pdf', buffer: PDF });
    await composer.getByRole('button', { name: 'Retirer « reglement.pdf »' }).waitFor();
    await composer.getByLabel('C’est une question : le demandeur est invité à y répondre').check();
    await composer.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await agent.locator('.request-conversation [data-kind="question"]').waitFor();
    await fitsWidth(agent, 375);
    await checkPage(agent, 'conversation-07-agent-writes-375');

    // then the citizen opens the mail's link on their phone and reads the question, marked new
    const mail = await mailTo(parvis, email, 'vous pose une question');
    const citizen = await (await browser.newContext(phone)).newPage();
    await citizen.goto(here(trackingLinkIn(mail.text).url));
    const conversation = citizen.locator('.citizen-conversation');
    await conversation.getByText('1 nouveau(x) message(s)').waitFor();
    await conversation.getByRole('link', { name: 'Télécharger « reglement.pdf »' }).waitFor();
    expect(await citizen.locator('.answer-form blockquote').textContent()).toContain(
      'Pouvez-vous confirmer la surface ?',
    );
    await fitsWidth(citizen, 375);
    await checkPage(citizen, 'conversation-08-citizen-reads-375');

    // when they answer
    await citizen.getByLabel('Votre réponse').fill('Oui : 12 m², comme sur le plan.');
    await citizen.getByRole('button', { name: 'Envoyer ma réponse' }).click();
    await citizen.getByRole('status').filter({ hasText: 'Votre réponse a été envoyée à la mairie.' }).waitFor();
    // and write a message with a photo of the place
    const toTownHall = conversation.locator('.composer');
    await toTownHall.getByLabel('Votre message').fill('Et voici la façade.');
    await toTownHall
      .getByLabel('Joindre des fichiers')
      .setInputFiles({ name: 'facade.pdf', mimeType: 'application/pdf', buffer: PDF });
    await toTownHall.getByRole('button', { name: 'Retirer « facade.pdf »' }).waitFor();
    await toTownHall.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await conversation.getByText('Et voici la façade.').waitFor();
    await fitsWidth(citizen, 375);
    await checkPage(citizen, 'conversation-09-citizen-writes-375');

    // then the agent sees both, marked new, with the photo
    await agent.reload();
    const thread = agent.locator('.request-conversation');
    await thread.getByText('2 nouveau(x) message(s)').waitFor();
    await thread.getByText('Oui : 12 m², comme sur le plan.').waitFor();
    await thread.getByRole('link', { name: 'Télécharger « facade.pdf »' }).waitFor();
    await fitsWidth(agent, 375);
    await checkPage(agent, 'conversation-10-agent-reads-375');

    // and in English on the phone too
    await citizen.getByRole('button', { name: 'English' }).click();
    await citizen.getByRole('heading', { name: 'Messages with the town hall' }).waitFor();
    await citizen.getByRole('heading', { name: 'Write a message' }).waitFor();
    await fitsWidth(citizen, 375);
    await checkPage(citizen, 'conversation-11-english-375');
  });

  it('a correction of named fields: asked at 1280 px, made on a 375 px phone, old and new values read by the agent', {
    timeout: 300_000,
  }, async () => {
    // given a request the reception holds
    await deployConversationProcedure(parvis);
    const email = 'ines.terrasse@example.fr';
    const code = await fileDossier(parvis, email);
    await openCheck(parvis, code);

    // when the agent asks the citizen to correct the surface
    const agent = await (
      await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } })
    ).newPage();
    await signInAgent(agent, parvis.url, 'accueil@demoville.fr', 'demo-accueil');
    await agent.goto(`${parvis.url}/agent/demandes/${code}`);
    const panel = agent.locator('.request-conversation');
    await panel.getByText('Demander une correction').click();
    await panel.getByLabel('Surface (m²)').check();
    await panel.getByLabel('Pourquoi (le demandeur le lira)').fill('La surface ne correspond pas au plan.');
    await checkPage(agent, 'conversation-12-ask-correction-1280');
    await panel.getByRole('button', { name: 'Demander la correction' }).click();
    await panel.getByRole('status').filter({ hasText: 'Correction demandée au demandeur.' }).waitFor();

    // then the citizen, on their phone, finds the field reopened with what they had typed
    const mail = await mailTo(parvis, email, 'vous demande de corriger');
    const citizen = await (
      await browser.newContext({ locale: 'fr-FR', viewport: { width: 375, height: 800 } })
    ).newPage();
    await citizen.goto(here(trackingLinkIn(mail.text).url));
    const form = citizen.locator('.correction-form');
    await form.getByText('La surface ne correspond pas au plan.').waitFor();
    const surface = form.getByLabel('Surface (m²)');
    expect(await surface.inputValue()).toBe('12');
    await fitsWidth(citizen, 375);
    await checkPage(citizen, 'conversation-13-correction-375');

    // when they send a value the form refuses, then the right one
    await surface.fill('0');
    await form.getByRole('button', { name: 'Envoyer la correction' }).click();
    await form.locator('.field__error').first().waitFor();
    await surface.fill('18');
    await form.getByRole('button', { name: 'Envoyer la correction' }).click();
    await expect.poll(() => form.count()).toBe(0);

    // then the agent, on their phone too, reads the surface before and after
    await agent.setViewportSize({ width: 375, height: 800 });
    await agent.reload();
    const change = agent.locator('.conversation__changes tr[data-field="surface"]');
    expect(await change.locator('.conversation__before').textContent()).toBe('12');
    expect(await change.locator('.conversation__after').textContent()).toBe('18');
    await fitsWidth(agent, 375);
    await checkPage(agent, 'conversation-14-correction-read-375');
  });
});

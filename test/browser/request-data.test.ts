import { type SmtpIntake, startSmtpIntake } from '@parvis/graphql';
import nodemailer from 'nodemailer';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkPage, inboxRow, portalInChromium, signInAgent } from '../support/browser.ts';
import type { RunningParvis } from '../support/parvis.ts';

const SUBMIT = `mutation ($data: JSON!) {
  submitRequest(municipality: "demo", procedure: "signalement", data: $data) { trackingCode } }`;

/** Opens the agent's task for a request once it shows in their inbox; returns its inbox row. */
async function openTask(page: Page, trackingCode: string, taskName: string) {
  const row = await inboxRow(page, trackingCode);
  const text = await row.textContent();
  await row.getByRole('link', { name: taskName }).click();
  await page.locator('.request-data').waitFor();
  return text ?? '';
}

describe("the agent's task page shows a request's data as the citizen chose it, and warns of an unverified sender", () => {
  let parvis: RunningParvis;
  let browser: Browser;

  portalInChromium((started) => ({ parvis, browser } = started));

  it('names each field and option by its label, as the form the citizen filled showed them', {
    timeout: 300_000,
  }, async () => {
    // given a report filed with an option value of the form's select and a key the form does not know
    const { submitRequest } = await parvis.client().data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
      data: {
        categorie: 'chaussee',
        message: 'Un nid-de-poule profond devant la boulangerie.',
        email: 'lea.girard@example.fr',
      },
    });

    // when the roads agent opens its task
    const agent = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await signInAgent(agent, parvis.url, 'voirie@demoville.fr', 'demo-voirie');
    await openTask(agent, submitRequest.trackingCode, 'Intervenir sur la voirie');

    // then the category reads as the citizen chose it, under the field's label, not as a raw value
    const category = agent.locator('.request-data__row', { hasText: 'Type de problème' });
    expect(await category.locator('dd').textContent()).toBe('Nid-de-poule, chaussée ou trottoir abîmé');
    expect(await agent.locator('.request-data').textContent()).not.toContain('chaussee');
    expect(await agent.locator('.request-data__row', { hasText: 'Description du problème' }).count()).toBe(1);
    // and no sender warning shows for a request filed on the web
    expect(await agent.locator('.sender-warning').count()).toBe(0);
    await checkPage(agent, 'request-data-01-option-labels');
  });

  it('flags an e-mail whose sender nobody vouched for, in the inbox and on the task page, in French and English', {
    timeout: 300_000,
  }, async () => {
    // given the SMTP intake, its trusted relay a server other than the one that delivers the e-mail
    const intake: SmtpIntake = await startSmtpIntake(
      { sql: parvis.sql, temporal: parvis.temporal },
      {
        port: 0,
        host: '127.0.0.1',
        relay: { addresses: ['192.0.2.1'], authservId: 'mx.demoville.test' },
        log: () => {},
      },
    );
    try {
      // when a message comes in from an address nobody checked
      const info = await nodemailer
        .createTransport({ host: '127.0.0.1', port: intake.port, secure: false, ignoreTLS: true })
        .sendMail({
          from: 'victime@example.org',
          to: 'mairie@demoville.fr',
          subject: 'Mes données',
          text: 'Envoyez-moi tout ce que vous savez sur moi.',
        });
      const trackingCode = /([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(info.response)![1]!;

      // then reception's inbox row carries the marker
      const agent = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
      await signInAgent(agent, parvis.url, 'accueil@demoville.fr', 'demo-accueil');
      const row = await openTask(agent, trackingCode, 'Répondre');
      expect(row).toContain('Expéditeur non vérifié');

      // and the task page warns, with the reason, instead of showing the raw keys
      const warning = agent.locator('.sender-warning');
      expect(await warning.textContent()).toContain('Expéditeur non vérifié');
      expect(await warning.textContent()).toMatch(
        /Message reçu de \S*127\.0\.0\.1, qui n'est pas un relais de confiance/,
      );
      expect(await warning.textContent()).toContain('Ne renvoyez aucune donnée personnelle');
      const data = await agent.locator('.request-data').textContent();
      expect(data).not.toContain('senderVerified');
      expect(data).not.toContain('senderCheck');
      await checkPage(agent, 'request-data-02-unverified-sender');

      // and in English the warning speaks English
      await agent.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => warning.textContent()).toContain('Sender not verified');
      expect(await warning.textContent()).toMatch(/Received from \S*127\.0\.0\.1, not a trusted relay/);
      await checkPage(agent, 'request-data-03-unverified-sender-en');
    } finally {
      await intake.stop();
    }
  });
});

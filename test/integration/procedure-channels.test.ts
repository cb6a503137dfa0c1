import { deployProcedure, type SmtpIntake, startSmtpIntake } from '@parvis/graphql';
import { loadShippedProcedures, type ShippedProcedure } from '@parvis/processes';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphqlClient } from '../support/graphql-client.ts';
import { open311Key } from '../support/open311-key.ts';
import { ownApis } from '../support/own-api.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';
import { smsGatewayHeaders } from '../support/sms-gateway.ts';

const SIGN_IN = `mutation { signIn(municipality: "demo", email: "accueil@demoville.fr", password: "demo-accueil") { id } }`;
const PROCEDURE = `{ procedure(municipality: "demo", key: "contact") { version channels } }`;
/** What the portal's catalogue and form page ask (with web), or another channel's list would. */
const CATALOGUE = `query ($channel: Channel) {
  procedures(municipality: "demo", channel: $channel) { key } procedure(municipality: "demo", key: "contact", channel: $channel) { key } }`;
const SUBMIT = `mutation ($d: JSON!) { submitRequest(municipality: "demo", procedure: "contact", data: $d) { trackingCode } }`;
const REGISTER = `mutation ($channel: AgentChannel!, $data: JSON!) {
  registerRequest(procedure: "contact", channel: $channel, citizen: { lastName: "Lefèvre", email: "lefevre@example.fr" },
    data: $data) { trackingCode } }`;
const DATA = { subject: 'Salle des fêtes', message: 'Peut-on louer la salle des fêtes en juin ?' };
const RELAY = 'mx.demoville.test';
const SMS_SECRET = 'secret-partagé-avec-la-passerelle';

/** The contact procedure with the analyst's « Parvis — canaux » ticks: only these channels open. */
const openOnly = (contact: ShippedProcedure, channels: string): ShippedProcedure => ({
  ...contact,
  bpmn: contact.bpmn.replace(
    '<bpmn:process id="contact" name="Contacter la mairie" isExecutable="true">',
    `$&<bpmn:extensionElements><zeebe:properties><zeebe:property name="channels" value="${channels}" />` +
      '</zeebe:properties></bpmn:extensionElements>',
  ),
});

describe('channels a procedure is open to: requests on the others are refused, whatever way they come', () => {
  let parvis: RunningParvis;
  let apiKey: string;
  let intake: SmtpIntake;
  let agent: GraphqlClient;
  let contact: ShippedProcedure;
  let smsApi: string;
  const apis = ownApis(
    () => parvis,
    () => {},
  );
  const count = async () =>
    (
      await parvis.sql<{ n: number }[]>`select (select count(*) from requests)::int
        + (select count(*) from citizens)::int + (select count(*) from inbound_messages)::int as n`
    )[0]!.n;
  const mail = () =>
    nodemailer.createTransport({ host: '127.0.0.1', port: intake.port, secure: false, ignoreTLS: true }).sendMail({
      from: 'Camille Martin <camille.martin@example.fr>',
      to: 'mairie@demoville.fr',
      subject: 'Salle des fêtes',
      text: 'Peut-on louer la salle des fêtes en juin ?',
      headers: {
        'Authentication-Results': `${RELAY}; spf=pass smtp.mailfrom=example.fr; dkim=pass header.d=example.fr; dmarc=pass header.from=example.fr`,
      },
    });
  /** The SMS gateway forwarding a text message, signed with the shared secret. */
  const textMessage = () => {
    const body = JSON.stringify({ id: 'sms-1', from: '06 12 34 56 78', text: 'La salle des fêtes est-elle libre ?' });
    return fetch(`${smsApi}/intake/sms/demo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...smsGatewayHeaders(body, { secret: SMS_SECRET }) },
      body,
    });
  };
  const report = () =>
    fetch(`${parvis.url}/open311/v2/demo/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: apiKey,
        service_code: 'contact',
        lat: '48.5734',
        long: '7.7521',
        email: 'riverain@example.fr',
        description: 'Un lampadaire ne fonctionne plus depuis une semaine.',
        'attribute[subject]': 'Éclairage public',
      }),
    });

  beforeAll(async () => {
    parvis = await startParvis();
    apiKey = await open311Key(parvis);
    intake = await startSmtpIntake(
      { sql: parvis.sql, temporal: parvis.temporal },
      { port: 0, host: '127.0.0.1', relay: { addresses: ['127.0.0.1'], authservId: RELAY }, log: () => {} },
    );
    smsApi = await apis.start({ smsWebhookSecret: SMS_SECRET });
    agent = parvis.client();
    await agent.data(SIGN_IN);
    contact = (await loadShippedProcedures()).find((p) => p.key === 'contact')!;
  });
  afterAll(async () => {
    await apis.stop();
    await intake?.stop();
    await parvis?.stop();
  });

  it('takes requests on the web and at the counter once the analyst opens the procedure to those only', async () => {
    // given the shipped contact procedure, open to every channel
    const before = await parvis.client().data<{ procedure: { version: number; channels: string[] } }>(PROCEDURE);
    expect(before.procedure.channels).toEqual(['WEB', 'OPEN311', 'COUNTER', 'PHONE', 'POST', 'FAX', 'EMAIL', 'SMS']);
    // when the analyst publishes a version open to the web and the counter only
    const published = await deployProcedure(parvis.sql, 'demo', openOnly(contact, 'web,counter'), 'test');
    expect(published).toEqual({ version: before.procedure.version + 1, created: true });
    // then the procedure says so, and is listed for the web but not for the phone
    const after = await parvis.client().data<{ procedure: { channels: string[] } }>(PROCEDURE);
    expect(after.procedure.channels).toEqual(['WEB', 'COUNTER']);
    const listed = async (channel: string) => {
      const found = await parvis
        .client()
        .data<{ procedures: { key: string }[]; procedure: { key: string } | null }>(CATALOGUE, { channel });
      return [found.procedures.some((p) => p.key === 'contact'), found.procedure !== null];
    };
    expect(await listed('WEB')).toEqual([true, true]);
    expect(await listed('PHONE')).toEqual([false, false]);
    // and a citizen files on the web, an agent at the counter, both on the new version
    const web = await parvis
      .client()
      .data<{ submitRequest: { trackingCode: string } }>(SUBMIT, { d: { ...DATA, email: 'web@example.fr' } });
    const counter = await agent.data<{ registerRequest: { trackingCode: string } }>(REGISTER, {
      channel: 'COUNTER',
      data: DATA,
    });
    const rows = await parvis.sql<{ channel: string; version: number }[]>`
      select r.channel, v.version from requests r join procedure_versions v on v.id = r.procedure_version_id
      where r.tracking_code in ${parvis.sql([web.submitRequest.trackingCode, counter.registerRequest.trackingCode])}
      order by r.submitted_at`;
    expect(rows).toEqual([
      { channel: 'web', version: published.version },
      { channel: 'counter', version: published.version },
    ]);
  });

  it('refuses a phone call, an e-mail, a text message and an Open311 report, saying why in each protocol, and keeps nothing', async () => {
    // given the procedure open to the web and the counter only (previous test)
    const kept = await count();
    // when an agent registers a phone call
    const phone = await agent.request(REGISTER, { channel: 'PHONE', data: DATA });
    // then GraphQL refuses it, naming the procedure, the channel and the channels open
    expect(phone.errors?.[0]?.extensions).toMatchObject({
      code: 'CHANNEL_NOT_ALLOWED',
      channel: 'phone',
      procedure: 'contact',
      openChannels: ['web', 'counter'],
    });
    expect(phone.errors?.[0]?.message).toBe(
      'La démarche « Contacter la mairie » ne se fait pas par téléphone : elle se fait en ligne ou au guichet. / ' +
        'The procedure "Contact the town hall" cannot be filed by phone: file it online or at the counter.',
    );
    // when a citizen writes to the town hall's address
    const sending = mail();
    // then the intake bounces it with the reason (SMTP replies are ASCII)
    await expect(sending).rejects.toMatchObject({ responseCode: 550 });
    await expect(sending).rejects.toThrow(
      /La demarche "Contacter la mairie" ne se fait pas par courriel : elle se fait en ligne ou au guichet\. \/ The procedure "Contact the town hall" cannot be filed by e-mail/,
    );
    // when the SMS gateway forwards a text message, it is refused for good (not a failure to retry)
    const sms = await textMessage();
    expect(sms.status).toBe(403);
    expect(((await sms.json()) as { error: string }).error).toContain(
      'La démarche « Contacter la mairie » ne se fait pas par SMS : elle se fait en ligne ou au guichet.',
    );
    // when an Open311 app posts a report, it gets a GeoReport error, and no longer finds the service
    const refused = await report();
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual([
      {
        code: 403,
        description:
          'La démarche « Contacter la mairie » ne se fait pas par une application Open311 : elle se fait en ligne ou au guichet. / ' +
          'The procedure "Contact the town hall" cannot be filed through an Open311 app: file it online or at the counter.',
      },
    ]);
    const services = (await (await fetch(`${parvis.url}/open311/v2/demo/services.json`)).json()) as {
      service_code: string;
    }[];
    expect(services.map((s) => s.service_code)).not.toContain('contact');
    // and nothing was stored: no request, no citizen, no inbound message
    expect(await count()).toBe(kept);
  });

  it('opens every channel again when a version drops the setting', async () => {
    // when the analyst publishes the procedure without channels ticked off
    await deployProcedure(parvis.sql, 'demo', contact, 'test');
    // then a phone call and an e-mail are filed again
    const phone = await agent.data<{ registerRequest: { trackingCode: string } }>(REGISTER, {
      channel: 'PHONE',
      data: DATA,
    });
    expect(phone.registerRequest.trackingCode).toBeTruthy();
    expect((await mail()).response).toMatch(/Request filed: [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
  });
});

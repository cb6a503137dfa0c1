import { freePort, provideSmtp, type SmtpService } from '@parvis/scripts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

const SUBMIT = `mutation ($data: JSON!) { submitRequest(municipality: "demo", procedure: "contact", data: $data) { trackingCode } }`;
const SIGN_IN = `mutation { signIn(municipality: "demo", email: "accueil@demoville.fr", password: "demo-accueil") { id } }`;
const INBOX = `{ inbox { id request { trackingCode } } }`;

describe('a mail server that is down when a request arrives', () => {
  let parvis: RunningParvis;
  let mailPort: number;
  let mailServer: SmtpService | undefined;

  beforeAll(async () => {
    // given a mail server address where nothing answers yet
    mailPort = await freePort();
    process.env.SMTP_URL = `smtp://127.0.0.1:${mailPort}`;
    parvis = await startParvis();
    delete process.env.SMTP_URL;
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    await parvis?.stop();
    await mailServer?.stop();
  });

  it('puts the task in the inbox at once, and acknowledges the citizen once the server is back', async () => {
    // when a citizen files a request
    const { submitRequest } = await parvis.client().data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
      data: { subject: 'Horaires', message: 'Êtes-vous ouverts le samedi ?', email: 'lea@example.fr' },
    });
    const code = submitRequest.trackingCode;

    // then the agents see it in their inbox although no mail could go out
    const agent = parvis.client();
    await agent.data(SIGN_IN);
    await eventually(async () => {
      const { inbox } = await agent.data<{ inbox: { request: { trackingCode: string } }[] }>(INBOX);
      return inbox.some((task) => task.request.trackingCode === code) ? true : undefined;
    });
    const acknowledged = () => parvis.sql`select 1 from timeline_events e join requests r on r.id = e.request_id
      where r.tracking_code = ${code} and e.kind = 'acknowledged'`;
    expect(await acknowledged()).toHaveLength(0);

    // when the mail server comes back on its address
    mailServer = await provideSmtp({ port: mailPort });

    // then the citizen receives the acknowledgement with the tracking code, once, and the timeline says so
    const mail = await eventually(
      async () => mailServer!.messages().find((m) => m.to.includes('lea@example.fr')),
      60_000,
    );
    expect(mail.text).toContain(code);
    await eventually(async () => ((await acknowledged()).length === 1 ? true : undefined));
    expect(mailServer.messages().filter((m) => m.to.includes('lea@example.fr'))).toHaveLength(1);
  });
});

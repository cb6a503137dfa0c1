import { freePort, provideSmtp, type SmtpService } from '@parvis/scripts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

const SUBMIT = `mutation ($data: JSON!) { submitRequest(municipality: "demo", procedure: "contact", data: $data) { trackingCode } }`;
const SIGN_IN = `mutation { signIn(municipality: "demo", email: "accueil@demoville.fr", password: "demo-accueil") { id } }`;
const INBOX = `{ inbox: workQueue(filter: { scope: AVAILABLE }, first: 200) { id request { trackingCode } } }`;

/** Parvis whose mail server address answers nothing until the test starts a server there. */
function withMailServerDown() {
  const context: { parvis?: RunningParvis; mailPort?: number; mailServer?: SmtpService } = {};
  beforeAll(async () => {
    context.mailPort = await freePort();
    process.env.SMTP_URL = `smtp://127.0.0.1:${context.mailPort}`;
    context.parvis = await startParvis();
    delete process.env.SMTP_URL;
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    await context.parvis?.stop();
    await context.mailServer?.stop();
  });
  return context;
}

/** Files a request as `email` and waits until the accueil agent sees its task; its tracking code. */
async function fileAndSeeInInbox(parvis: RunningParvis, email: string): Promise<string> {
  const { submitRequest } = await parvis.client().data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
    data: { subject: 'Horaires', message: 'Êtes-vous ouverts le samedi ?', email },
  });
  const code = submitRequest.trackingCode;
  const agent = parvis.client();
  await agent.data(SIGN_IN);
  await eventually(async () => {
    const { inbox } = await agent.data<{ inbox: { request: { trackingCode: string } }[] }>(INBOX);
    return inbox.some((task) => task.request.trackingCode === code) ? true : undefined;
  });
  return code;
}

/** Waits for the one acknowledgement `email` should get, checks it and the timeline's record of it. */
async function acknowledgedOnce(parvis: RunningParvis, mailServer: SmtpService, code: string, email: string) {
  const mail = await eventually(async () => mailServer.messages().find((m) => m.to.includes(email)), 60_000);
  expect(mail.text).toContain(code);
  await eventually(async () => ((await acknowledgements(parvis, code)).length === 1 ? true : undefined));
  expect(mailServer.messages().filter((m) => m.to.includes(email))).toHaveLength(1);
}

const acknowledgements = (parvis: RunningParvis, code: string) =>
  parvis.sql`select 1 from timeline_events e join requests r on r.id = e.request_id
    where r.tracking_code = ${code} and e.kind = 'acknowledged'`;

describe('a mail server that is down when a request arrives', () => {
  const context = withMailServerDown();

  it('puts the task in the inbox at once, and acknowledges the citizen once the server is back', async () => {
    // when a citizen files a request, then the agents see it in their inbox although no mail could go out
    const parvis = context.parvis!;
    const code = await fileAndSeeInInbox(parvis, 'lea@example.fr');
    expect(await acknowledgements(parvis, code)).toHaveLength(0);

    // when the mail server comes back on its address
    context.mailServer = await provideSmtp({ port: context.mailPort });

    // then the citizen receives the acknowledgement with the tracking code, once, and the timeline says so
    await acknowledgedOnce(parvis, context.mailServer, code, 'lea@example.fr');
  });
});

describe('a mail server down for longer than the first step retries within its workflow task', () => {
  const context = withMailServerDown();

  it('goes on as a regular activity, and acknowledges the citizen once when the server is back', async () => {
    // when a citizen files a request while the mail server stays down for 50 s
    const parvis = context.parvis!;
    const code = await fileAndSeeInInbox(parvis, 'noe@example.fr');
    const history = () => parvis.temporal.workflow.getHandle(`request-${code}`).fetchHistory();
    // then, the local attempts spent (about 45 s), the step is scheduled as a regular activity
    await eventually(async () => {
      const { events } = await history();
      return events?.some((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordStep')
        ? true
        : undefined;
    }, 90_000);
    expect(await acknowledgements(parvis, code)).toHaveLength(0);

    // when the mail server comes back
    context.mailServer = await provideSmtp({ port: context.mailPort });

    // then the acknowledgement goes out once, the timeline records it once, and the task was opened once
    await acknowledgedOnce(parvis, context.mailServer, code, 'noe@example.fr');
    const [tasks] = await parvis.sql<{ count: number }[]>`select count(*)::int as count from tasks t
      join requests r on r.id = t.request_id where r.tracking_code = ${code}`;
    expect(tasks?.count).toBe(1);
  }, 180_000);
});

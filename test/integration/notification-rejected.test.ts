import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

const SUBMIT = `mutation ($data: JSON!) { submitRequest(municipality: "demo", procedure: "contact", data: $data) { trackingCode } }`;

describe('a mail server that refuses a message', () => {
  let parvis: RunningParvis;
  let smtp: SMTPServer;
  let refusals = 0;

  beforeAll(async () => {
    // given a mail server that refuses one mailbox (550) and takes the others
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('refus')) {
          refusals++;
          callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
        } else callback();
      },
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => callback());
      },
    });
    await new Promise<void>((done) => smtp.listen(0, '127.0.0.1', done));
    const address = smtp.server.address();
    process.env.SMTP_URL = `smtp://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    parvis = await startParvis();
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    await parvis?.stop();
    await new Promise<void>((done) => smtp?.close(() => done()));
  });

  it('is retried, then shows as an incident on the request, which goes on', async () => {
    // when a citizen gives an address the server refuses
    const { submitRequest } = await parvis.client().data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
      data: { subject: 'Adresse erronée', message: 'Mon adresse e-mail est refusée.', email: 'refus@example.fr' },
    });

    // then the acknowledgement was tried five times and the refusal is in the request's timeline
    const incident = await eventually(async () => {
      const [row] = await parvis.sql<{ payload: { what: string; event: string; message: string } }[]>`
        select e.payload from timeline_events e join requests r on r.id = e.request_id
        where r.tracking_code = ${submitRequest.trackingCode} and e.kind = 'incident'`;
      return row?.payload;
    }, 60_000);
    expect(refusals).toBe(5);
    expect(incident).toMatchObject({ what: 'notification', event: 'acknowledgement' });
    expect(incident.message).toContain('Mailbox unavailable');

    // and the request still reached the agents
    const tasks = await eventually(async () => {
      const rows = await parvis.sql`select t.status from tasks t join requests r on r.id = t.request_id
        where r.tracking_code = ${submitRequest.trackingCode}`;
      return rows.length > 0 ? rows : undefined;
    });
    expect(tasks[0]?.status).toBe('open');
  });
});

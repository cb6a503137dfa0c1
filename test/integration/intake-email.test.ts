import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMailer, type SmtpIntake, startSmtpIntake, upsertAgent, upsertMunicipality } from '@parvis/graphql';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { seedMunicipality } from '../support/municipalities.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

const SIGN_IN = `mutation { signIn(municipality: "demo", email: "accueil@demoville.fr", password: "demo-accueil") { id } }`;
const INBOX = `{ inbox: workQueue(filter: { scope: AVAILABLE }, first: 200) { channel request { trackingCode channel } } }`;
const RELAY = 'mx.demoville.test';

describe('SMTP intake: e-mails to the municipality become contact requests', () => {
  let parvis: RunningParvis;
  let intake: SmtpIntake;
  let agent: GraphqlClient;
  const logged: string[] = [];
  const count = async () => (await parvis.sql<{ n: number }[]>`select count(*)::int as n from requests`)[0]!.n;
  const send = (mail: SendMailOptions) =>
    nodemailer.createTransport({ host: '127.0.0.1', port: intake.port, secure: false, ignoreTLS: true }).sendMail(mail);
  /** What the municipality's mail server writes after checking SPF, DKIM and DMARC. */
  const checkedBy = (relay: string, dmarc: string, domain: string) => ({
    'Authentication-Results': `${relay}; spf=${dmarc} smtp.mailfrom=${domain}; dkim=${dmarc} header.d=${domain}; dmarc=${dmarc} header.from=${domain}`,
  });

  beforeAll(async () => {
    parvis = await startParvis();
    // The test's SMTP client stands for the municipality's mail server, the trusted relay.
    intake = await startSmtpIntake(
      { sql: parvis.sql, temporal: parvis.temporal, mailer: createMailer(parvis.smtp.url, (l) => logged.push(l)) },
      {
        port: 0,
        host: '127.0.0.1',
        relay: { addresses: ['127.0.0.1'], authservId: RELAY },
        log: (l) => logged.push(l),
      },
    );
    agent = parvis.client();
    await agent.data(SIGN_IN);
  });
  afterAll(async () => {
    await intake?.stop();
    await parvis?.stop();
  });

  it('files a verified e-mail with its attachment, shows it to reception and acknowledges it', async () => {
    // when a citizen writes to the town hall's contact address, their domain vouched for by DMARC
    const info = await send({
      from: 'Camille Martin <camille.martin@example.fr>',
      to: 'mairie@demoville.fr',
      subject: 'Horaires de la déchetterie',
      text: "Bonjour, quels sont les horaires d'ouverture de la déchetterie le samedi ?",
      headers: checkedBy(RELAY, 'pass', 'example.fr'),
      attachments: [{ filename: 'plan.pdf', content: Buffer.from('%PDF-1.4\n%plan\n') }],
    });
    // then the server answers with the tracking code
    const trackingCode = /([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(info.response)?.[1];
    expect(trackingCode, info.response).toBeDefined();
    // and reception sees the request in its inbox, come by e-mail
    const task = await eventually(async () =>
      (
        await agent.data<{ inbox: { channel: string; request: { trackingCode: string; channel: string } }[] }>(INBOX)
      ).inbox.find((t) => t.request.trackingCode === trackingCode),
    );
    expect(task).toMatchObject({ channel: 'email', request: { channel: 'email' } });
    // with the subject and text as the message, for the citizen found by their address
    const [row] = await parvis.sql<{ data: Record<string, unknown>; citizen_email: string; linked: boolean }[]>`
      select data, citizen_email, citizen_id is not null as linked from requests where tracking_code = ${trackingCode!}`;
    expect(row?.data).toMatchObject({
      subject: 'Horaires de la déchetterie',
      message: "Bonjour, quels sont les horaires d'ouverture de la déchetterie le samedi ?",
      senderVerified: true,
    });
    expect(row?.citizen_email).toBe('camille.martin@example.fr');
    expect(row?.linked).toBe(true);
    // and the attachment is kept with the request
    const files = await parvis.sql<{ name: string; content_type: string; channel: string }[]>`
      select f.name, f.content_type, f.channel from stored_files f join requests r on r.id = f.request_id
      where r.tracking_code = ${trackingCode!}`;
    expect(files).toEqual([{ name: 'plan.pdf', content_type: 'application/pdf', channel: 'email' }]);
    // and the sender receives the acknowledgement with the tracking code
    await eventually(async () =>
      parvis.smtp
        .messages()
        .find((m) => m.to.includes('camille.martin@example.fr') && m.subject.includes(trackingCode!)),
    );
  });

  it('files the same message once when the sending server sends it again', async () => {
    const mail = {
      from: 'paul@example.fr',
      to: 'mairie@demoville.fr',
      subject: 'Salle des fêtes',
      text: 'Est-il possible de réserver la salle des fêtes en juin ?',
      messageId: '<resent-1@example.fr>',
      headers: checkedBy(RELAY, 'pass', 'example.fr'),
    };
    const first = await send(mail);
    const second = await send(mail);
    expect(second.response).toBe(first.response);
    const rows = await parvis.sql`select 1 from requests where data->>'subject' = 'Salle des fêtes'`;
    expect(rows).toHaveLength(1);
  });

  it("files mail forwarded to the municipality's intake address", async () => {
    await upsertMunicipality(parvis.sql, {
      id: 'demo',
      name: 'Mairie de Démoville',
      contactEmail: 'mairie@demoville.fr',
      intakeEmail: 'demo@intake.parvis.test',
    });
    const info = await send({
      from: 'paul@example.fr',
      to: 'demo@intake.parvis.test',
      subject: 'Cantine',
      // a message written in HTML only: its text is what the agent reads
      html: '<p>Quel est le <b>menu</b> de la cantine lundi&nbsp;?</p><script>alert(1)</script>',
      headers: checkedBy(RELAY, 'pass', 'example.fr'),
    });
    const trackingCode = /([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(info.response)![1]!;
    const [row] = await parvis.sql<{ municipality_id: string; channel: string; message: string }[]>`
      select municipality_id, channel, data->>'message' as message from requests where tracking_code = ${trackingCode}`;
    expect(row).toEqual({
      municipality_id: 'demo',
      channel: 'email',
      message: 'Quel est le menu de la cantine lundi\u00a0?',
    });
  });

  it('keeps a long message whole as a text file beside its beginning', async () => {
    const text = `Bonjour,\n${'Voici le détail de ma demande. '.repeat(400)}\nCordialement.`;
    const info = await send({
      from: 'paul@example.fr',
      to: 'mairie@demoville.fr',
      subject: 'Dossier complet',
      text,
      headers: checkedBy(RELAY, 'pass', 'example.fr'),
    });
    const trackingCode = /([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(info.response)![1]!;
    const [row] = await parvis.sql<{ message: string; full: Buffer }[]>`
      select r.data->>'message' as message, f.content as full from requests r
      join stored_files f on f.request_id = r.id and f.name = 'message-complet.txt'
      where r.tracking_code = ${trackingCode}`;
    expect(row?.message.startsWith('Bonjour,\nVoici le détail')).toBe(true);
    expect(row?.message.length).toBeLessThan(5100);
    expect(row?.full.toString('utf8').trim()).toBe(text);
  });

  it('refuses at RCPT TO mail for an address of no municipality', async () => {
    const before = await count();
    const sending = send({ from: 'a@example.fr', to: 'personne@ailleurs.fr', subject: 'Bonjour', text: 'Bonjour.' });
    await expect(sending).rejects.toMatchObject({ responseCode: 550, command: 'RCPT TO' });
    await expect(sending).rejects.toThrow(/Adresse inconnue : personne@ailleurs\.fr/);
    expect(await count()).toBe(before);
    expect(logged.some((l) => l.includes('personne@ailleurs.fr') && l.includes('no municipality'))).toBe(true);
  });

  it('refuses a forged sender whole, with the reason, and logs the attempt', async () => {
    const before = await count();
    // the relay found that DMARC fails: the message does not come from that domain
    const sending = send({
      from: 'maire@demoville.fr',
      to: 'mairie@demoville.fr',
      subject: 'Virement urgent',
      text: 'Merci de régler la facture ci-jointe aujourd’hui.',
      headers: checkedBy(RELAY, 'fail', 'demoville.fr'),
    });
    await expect(sending).rejects.toMatchObject({ responseCode: 550 });
    await expect(sending).rejects.toThrow(/Expediteur usurpe : DMARC echoue pour demoville\.fr/);
    // in plain ASCII, as SMTP replies must be, so the bounce reaches the sender readable
    expect(((await sending.catch((error: { response: string }) => error)) as { response: string }).response).toMatch(
      /^[\x20-\x7e]+$/,
    );
    expect(await count()).toBe(before);
    expect(logged.some((l) => l.includes('maire@demoville.fr') && l.includes('Forged sender'))).toBe(true);
  });

  it('files a message whose sender nobody vouched for, flagged, and answers nothing to that address', async () => {
    // a result stamped by another server, or written by the sender, proves nothing
    const info = await send({
      from: 'victime@example.org',
      to: 'mairie@demoville.fr',
      subject: 'Mes données',
      text: 'Envoyez-moi tout ce que vous savez sur moi.',
      headers: checkedBy('mx.elsewhere.test', 'pass', 'example.org'),
    });
    const trackingCode = /([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(info.response)![1]!;
    const [row] = await parvis.sql<{ data: Record<string, unknown>; citizen_email: string | null; linked: boolean }[]>`
      select data, citizen_email, citizen_id is not null as linked from requests where tracking_code = ${trackingCode}`;
    expect(row?.data).toMatchObject({ sender: 'victime@example.org', senderVerified: false });
    expect(String(row?.data.senderCheck)).toMatch(/Expéditeur non vérifié/);
    expect(row?.citizen_email).toBeNull();
    expect(row?.linked).toBe(false);
    // reception still gets the request to handle
    await eventually(async () =>
      (await agent.data<{ inbox: { request: { trackingCode: string } }[] }>(INBOX)).inbox.find(
        (t) => t.request.trackingCode === trackingCode,
      ),
    );
    // once reception has been told of the task, the request has told nobody else
    await eventually(async () => {
      const kinds = await parvis.sql<{ kind: string }[]>`select e.kind from timeline_events e
        join requests r on r.id = e.request_id where r.tracking_code = ${trackingCode} and e.kind = 'notified'`;
      return kinds.length > 0 ? kinds : undefined;
    });
    const acknowledged = await parvis.sql`select 1 from timeline_events e join requests r on r.id = e.request_id
      where r.tracking_code = ${trackingCode} and e.kind = 'acknowledged'`;
    expect(acknowledged).toHaveLength(0);
    expect(parvis.smtp.messages().filter((m) => m.to.includes('victime@example.org'))).toEqual([]);
  });

  it('refuses a runnable attachment whole and makes a path in a name harmless', async () => {
    const before = await count();
    const sending = send({
      from: 'camille.martin@example.fr',
      to: 'mairie@demoville.fr',
      subject: 'Facture',
      text: 'Voici la facture demandée.',
      headers: checkedBy(RELAY, 'pass', 'example.fr'),
      attachments: [{ filename: 'facture.pdf.exe', content: Buffer.from('MZ') }],
    });
    await expect(sending).rejects.toMatchObject({ responseCode: 550 });
    await expect(sending).rejects.toThrow(/"facture\.pdf\.exe" est un programme \(\.exe\)/);
    expect(await count()).toBe(before);
    expect(logged.some((l) => l.includes('facture.pdf.exe'))).toBe(true);

    const info = await send({
      from: 'camille.martin@example.fr',
      to: 'mairie@demoville.fr',
      subject: 'Justificatif',
      text: 'Voici mon justificatif de domicile.',
      headers: checkedBy(RELAY, 'pass', 'example.fr'),
      attachments: [{ filename: '../../../etc/passwd', content: Buffer.from('justificatif') }],
    });
    const code = /([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(info.response)![1]!;
    const kept = await parvis.sql<{ name: string }[]>`select f.name from stored_files f
      join requests r on r.id = f.request_id where r.tracking_code = ${code}`;
    expect(kept.map((f) => f.name)).toEqual(['passwd']);
    expect(logged.some((l) => l.includes('made safe') && l.includes('../../../etc/passwd'))).toBe(true);
  });

  it('defers mail from a sender over its limit, and only from that sender', async () => {
    const limited = await startSmtpIntake(
      { sql: parvis.sql, temporal: parvis.temporal },
      {
        port: 0,
        host: '127.0.0.1',
        relay: { addresses: ['127.0.0.1'], authservId: RELAY },
        senderLimit: { burst: 2, perSecond: 1 / 3600 },
        log: (l) => logged.push(l),
      },
    );
    const sendTo = (from: string, i: number) =>
      nodemailer.createTransport({ host: '127.0.0.1', port: limited.port, secure: false, ignoreTLS: true }).sendMail({
        from,
        to: 'mairie@demoville.fr',
        subject: `Relance ${i}`,
        text: `Ceci est la relance numéro ${i}.`,
      });
    try {
      await sendTo('insistant@example.fr', 1);
      await sendTo('insistant@example.fr', 2);
      const third = sendTo('insistant@example.fr', 3);
      // a temporary refusal: the sending server tries again later
      await expect(third).rejects.toMatchObject({ responseCode: 450 });
      await expect(third).rejects.toThrow(/Trop de messages de cet expediteur : reessayez dans \d+ s/);
      // mail the same relay hands over from someone else still goes through
      expect((await sendTo('autre@example.fr', 4)).response).toMatch(/Request filed/);
      const rows = await parvis.sql`select 1 from requests where data->>'sender' = 'insistant@example.fr'`;
      expect(rows).toHaveLength(2);
      expect(logged.some((l) => l.includes('too many messages from sender:insistant@example.fr'))).toBe(true);
    } finally {
      await limited.stop();
    }
  });

  it('speaks STARTTLS when given a certificate, so mail crosses the internet encrypted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parvis-intake-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=intake.parvis.test',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const secure = await startSmtpIntake(
      { sql: parvis.sql, temporal: parvis.temporal },
      {
        port: 0,
        host: '127.0.0.1',
        tls: { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
        log: (l) => logged.push(l),
      },
    );
    try {
      // a sending server that insists on encryption
      const info = await nodemailer
        .createTransport({ host: '127.0.0.1', port: secure.port, requireTLS: true, tls: { rejectUnauthorized: false } })
        .sendMail({
          from: 'chiffre@example.fr',
          to: 'mairie@demoville.fr',
          subject: 'Chiffré',
          text: 'Message chiffré en route.',
        });
      expect(info.response).toMatch(/Request filed/);
    } finally {
      await secure.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("takes postmaster@ and abuse@ of each town's domain for its administrators, and files no request", async () => {
    // given two towns, each with an administrator (and demo's agents without that role)
    await upsertAgent(parvis.sql, {
      municipalityId: 'demo',
      email: 'admin@demoville.fr',
      password: 'demo-admin-secret',
      displayName: 'Admin Démoville',
      roles: ['administrator'],
      groups: [],
    });
    await seedMunicipality(parvis.sql, 'bourg', {
      email: 'admin@bourg.fr',
      password: 'bourg-secret',
      displayName: 'Admin Bourg',
    });
    const before = await count();
    // when a remote mail server reports a bounce to postmaster@ (RFC 5321 §4.5.1), in any case
    const bounce = await send({
      from: 'MAILER-DAEMON@mx.example.net',
      to: 'PostMaster@demoville.fr',
      subject: 'Undelivered Mail Returned to Sender',
      text: 'This is the mail system at host mx.example.net. Your message could not be delivered.',
    });
    // and someone complains to abuse@ of the other town's domain
    const complaint = await send({
      from: 'victime@example.org',
      to: 'abuse@bourg.fr',
      subject: 'Spam reçu de votre domaine',
      text: "J'ai reçu un message indésirable qui prétend venir de bourg.fr.",
    });
    // then both are accepted, and said forwarded
    expect(bounce.response).toMatch(/Forwarded to the administrators/);
    expect(complaint.response).toMatch(/Forwarded to the administrators/);
    // and each town's administrators get theirs through the outgoing mail, the message whole attached
    const toDemo = await eventually(async () =>
      parvis.smtp.messages().find((m) => m.subject === '[PostMaster@demoville.fr] Undelivered Mail Returned to Sender'),
    );
    expect(toDemo.to).toEqual(['admin@demoville.fr']);
    expect(toDemo.text).toContain('De / From: mailer-daemon@mx.example.net');
    expect(toDemo.text).toContain('Your message could not be delivered.');
    expect(toDemo.attachments).toContainEqual(expect.objectContaining({ contentType: 'message/rfc822' }));
    const toBourg = await eventually(async () =>
      parvis.smtp.messages().find((m) => m.subject === '[abuse@bourg.fr] Spam reçu de votre domaine'),
    );
    expect(toBourg.to).toEqual(['admin@bourg.fr']);
    // and mail to a bare postmaster (no domain, RFC 5321 §4.5.1) goes to the default town's administrators only
    const bare = await send({
      envelope: { from: 'MAILER-DAEMON@mx.example.net', to: ['postmaster'] },
      from: 'MAILER-DAEMON@mx.example.net',
      to: 'postmaster',
      subject: 'Delivery Status Notification',
      text: 'A message could not be delivered.',
    });
    expect(bare.response).toMatch(/Forwarded to the administrators/);
    const toBare = await eventually(async () =>
      parvis.smtp.messages().find((m) => m.subject === '[postmaster] Delivery Status Notification'),
    );
    expect(toBare.to).toEqual(['admin@demoville.fr']);
    // and no request was filed, in either town
    expect(await count()).toBe(before);
    // while another address of the domain is still unknown
    await expect(
      send({ from: 'x@example.org', to: 'webmaster@demoville.fr', subject: 'x', text: 'Un message.' }),
    ).rejects.toMatchObject({ responseCode: 550 });
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApiApp, createHttpServer } from '@parvis/graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, GraphqlClient } from '../support/graphql-client.ts';
import { seedMunicipality } from '../support/municipalities.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';
import { smsGatewayHeaders } from '../support/sms-gateway.ts';

const SECRET = 'secret-partagé-avec-la-passerelle';
const SIGN_IN = `mutation { signIn(municipality: "demo", email: "accueil@demoville.fr", password: "demo-accueil") { id } }`;
const INBOX = `{ inbox: workQueue(filter: { scope: AVAILABLE }, first: 200) { channel request { trackingCode channel } } }`;

const listen = async (server: Server) => {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

describe('SMS webhook: text messages become contact requests, answered by SMS', () => {
  let parvis: RunningParvis;
  let api: Server;
  let apiUrl: string;
  let gateway: Server;
  const sent: { to: string; text: string }[] = [];
  const logged: string[] = [];
  const count = async () => (await parvis.sql<{ n: number }[]>`select count(*)::int as n from requests`)[0]!.n;
  const post = (body: string, signature?: Record<string, string>, municipality = 'demo') =>
    fetch(`${apiUrl}/intake/sms/${municipality}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signature },
      body,
    });
  const signed = (body: string, options: { secret?: string; municipality?: string; timestamp?: number } = {}) =>
    smsGatewayHeaders(body, { secret: SECRET, ...options });

  beforeAll(async () => {
    // The SMS provider's HTTP API, which the worker sends the acknowledgement through.
    gateway = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        sent.push(JSON.parse(body));
        res.end('{}');
      });
    });
    process.env.SMS_GATEWAY_URL = await listen(gateway);
    parvis = await startParvis();
    delete process.env.SMS_GATEWAY_URL;
    await seedMunicipality(parvis.sql, 'autreville', {
      email: 'accueil@autreville.fr',
      password: 'autreville-secret',
      displayName: 'Aude',
    });
    const app = await createApiApp(
      { sql: parvis.sql, temporal: parvis.temporal, publicUrl: 'http://parvis.test' },
      { smsWebhookSecret: SECRET, log: (line) => logged.push(line) },
    );
    api = createHttpServer(app);
    apiUrl = await listen(api);
  });
  afterAll(async () => {
    await new Promise((done) => api?.close(done));
    await parvis?.stop();
    // the worker's keep-alive sockets would hold the gateway open
    gateway?.closeAllConnections();
    await new Promise((done) => gateway?.close(done));
  });

  it('files a signed text message for the citizen of that number and answers by SMS', async () => {
    const body = JSON.stringify({
      id: 'sms-0001',
      from: '06 12 34 56 78',
      text: 'Le lampadaire rue Victor Hugo est éteint.',
    });
    const response = await post(body, signed(body));
    expect(response.status).toBe(201);
    const { trackingCode } = (await response.json()) as { trackingCode: string };
    // reception sees it, come by SMS
    const agent = new GraphqlClient(`${apiUrl}/graphql`);
    await agent.data(SIGN_IN);
    const task = await eventually(async () =>
      (
        await agent.data<{ inbox: { channel: string; request: { trackingCode: string; channel: string } }[] }>(INBOX)
      ).inbox.find((t) => t.request.trackingCode === trackingCode),
    );
    expect(task).toMatchObject({ channel: 'sms', request: { channel: 'sms' } });
    // with the text as the message, for a citizen known by that number
    const [row] = await parvis.sql<{ data: Record<string, unknown>; phone: string; preferences: unknown }[]>`
      select r.data, c.phone, c.notification_preferences as preferences
      from requests r join citizens c on c.id = r.citizen_id where r.tracking_code = ${trackingCode}`;
    expect(row?.data).toMatchObject({ message: 'Le lampadaire rue Victor Hugo est éteint.', phone: '+33612345678' });
    expect(row?.phone).toBe('+33612345678');
    expect(row?.preferences).toEqual({ email: false, sms: true });
    // and the acknowledgement goes back to the number by SMS
    const sms = await eventually(async () => sent.find((m) => m.text.includes(trackingCode)));
    expect(sms.to).toBe('+33612345678');
  });

  it('files a message the gateway sends again only once, for the same citizen', async () => {
    const body = JSON.stringify({ id: 'sms-0002', from: '+33 6 12 34 56 78', text: 'Merci, et le trottoir aussi.' });
    const first = await post(body, signed(body));
    // sent again a minute later, signed anew
    const again = await post(body, signed(body, { timestamp: Math.floor(Date.now() / 1000) + 60 }));
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect((await again.json()).trackingCode).toBe((await first.json()).trackingCode);
    const citizens = await parvis.sql`select 1 from citizens where phone_digits = '0612345678'`;
    expect(citizens).toHaveLength(1);
  });

  it('refuses a forged or missing signature with 401, stores nothing and logs the attempt', async () => {
    const before = await count();
    const body = JSON.stringify({ id: 'sms-0003', from: '0611111111', text: 'Je suis la passerelle, promis.' });
    const unsigned = { 'x-parvis-timestamp': String(Math.floor(Date.now() / 1000)) };
    for (const signature of [signed(body, { secret: 'mauvais-secret' }), unsigned, signed(`${body} `)]) {
      const response = await post(body, signature);
      expect(response.status).toBe(401);
      expect((await response.json()).error).toMatch(/Signature absente ou fausse/);
    }
    expect(await count()).toBe(before);
    expect(logged.filter((l) => l.includes('bad signature'))).toHaveLength(3);
  });

  it("refuses a message signed for demo and replayed to another municipality's address", async () => {
    // given a message the gateway signed for demo, seen by an attacker
    const body = JSON.stringify({ id: 'sms-0007', from: '0622222222', text: 'Fuite d’eau place du marché.' });
    const demoSignature = signed(body);
    const before = await count();
    // when it is replayed, within the five minutes, to autreville's webhook
    const replayed = await post(body, demoSignature, 'autreville');
    // then autreville refuses it and files nothing
    expect(replayed.status).toBe(401);
    expect((await replayed.json()).error).toMatch(/Signature absente ou fausse/);
    expect(await count()).toBe(before);
    // while the same message signed for autreville is filed there
    const own = await post(body, signed(body, { municipality: 'autreville' }), 'autreville');
    expect(own.status).toBe(201);
  });

  it('refuses a signed message whose timestamp is more than five minutes away, and files a replay within them once', async () => {
    const body = JSON.stringify({ id: 'sms-0008', from: '0633333333', text: 'Le banc du parc est cassé.' });
    const now = Math.floor(Date.now() / 1000);
    const before = await count();
    // given a message signed six minutes ago (an old capture), or dated six minutes ahead, or not dated
    const stale = signed(body, { timestamp: now - 360 });
    const ahead = signed(body, { timestamp: now + 360 });
    const { 'x-parvis-timestamp': _, ...undated } = signed(body);
    for (const headers of [stale, ahead, undated]) {
      // when it is delivered, then it is refused, saying why
      const response = await post(body, headers);
      expect(response.status).toBe(401);
      expect((await response.json()).error).toMatch(/X-Parvis-Timestamp/);
    }
    expect(await count()).toBe(before);
    expect(logged.filter((l) => l.includes('timestamp out of the replay window'))).toHaveLength(3);
    // and a message captured and delivered twice within the window is filed once
    const fresh = signed(body, { timestamp: now - 60 });
    const first = await post(body, fresh);
    const replay = await post(body, fresh);
    expect([first.status, replay.status]).toEqual([201, 200]);
    expect((await replay.json()).trackingCode).toBe((await first.json()).trackingCode);
    expect(await count()).toBe(before + 1);
  });

  it('refuses a signed message with no valid number or no text, naming what is wrong', async () => {
    const before = await count();
    for (const [sms, expected] of [
      [{ id: 'sms-0004', from: '12', text: 'Bonjour' }, /from : numéro de téléphone invalide/],
      [{ id: 'sms-0005', from: '0612345678', text: '  ' }, /text : message vide/],
    ] as const) {
      const body = JSON.stringify(sms);
      const response = await post(body, signed(body));
      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatch(expected);
    }
    const unknown = JSON.stringify({ id: 'sms-0006', from: '0612345678', text: 'Bonjour' });
    expect((await post(unknown, signed(unknown, { municipality: 'nulle-part' }), 'nulle-part')).status).toBe(404);
    expect(await count()).toBe(before);
  });
});

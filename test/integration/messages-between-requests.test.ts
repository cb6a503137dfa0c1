import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deployProcedure, upsertAgent, upsertMunicipality } from '@parvis/graphql';
import { createActivities, memorySmsSink } from '@parvis/workers';
import { Client, type Connection } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { NativeConnection } from '@temporalio/worker';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';
import { smsGatewayHeaders } from '../support/sms-gateway.ts';

const PUBLISH = `mutation ($name: String!, $key: String, $variables: JSON, $ttl: Float, $id: String) {
  publishMessage(name: $name, correlationKey: $key, variables: $variables, timeToLive: $ttl, messageId: $id) {
    correlated started buffered expiresAt duplicate } }`;
const SUBMIT = `mutation ($procedure: String!, $data: JSON!) {
  submitRequest(municipality: "demo", procedure: $procedure, data: $data) { trackingCode } }`;
const signIn = (client: GraphqlClient, email: string, password: string) =>
  client.data(
    `mutation ($email: String!, $password: String!) { signIn(municipality: "demo", email: $email, password: $password) { id } }`,
    {
      email,
      password,
    },
  );

interface Published {
  correlated: string[];
  started: string[];
  buffered: boolean;
  expiresAt: string | null;
  duplicate: boolean;
}

describe('messages between requests: published from outside, buffered, starting requests', () => {
  let parvis: RunningParvis;
  let admin: GraphqlClient;
  const logged: string[] = [];
  const activities = () =>
    createActivities({
      sql: parvis.sql,
      mailer: nodemailer.createTransport({ jsonTransport: true }),
      sms: memorySmsSink(),
      publicUrl: 'http://parvis.test',
    });

  const deploy = async (key: string, file: string, fr: string) => {
    const bpmn = await readFile(join(import.meta.dirname, `../fixtures/${file}`), 'utf8');
    await deployProcedure(parvis.sql, 'demo', { key, title: { fr, en: fr }, bpmn, forms: {} }, 'test');
  };
  const submit = async (procedure: string, data: Record<string, unknown>) => {
    const { submitRequest } = await parvis
      .client()
      .data<{ submitRequest: { trackingCode: string } }>(SUBMIT, { procedure, data });
    return submitRequest.trackingCode;
  };
  const request = async (code: string) => {
    const [row] = await parvis.sql<
      { id: string; workflow_id: string; channel: string; data: Record<string, unknown> }[]
    >`
      select id, workflow_id, channel, data from requests where tracking_code = ${code}`;
    return row!;
  };
  /** The request's workflow ran its first step: it waits at its message catch. */
  const waiting = (code: string) =>
    eventually(async () => {
      const [row] = await parvis.sql`select 1 from request_steps s join requests r on r.id = s.request_id
        where r.tracking_code = ${code} limit 1`;
      return row ? true : undefined;
    });
  /** The request's workflow recorded its wait at the catch. */
  const subscribed = (code: string) =>
    eventually(async () => {
      const [row] = await parvis.sql<{ element_id: string }[]>`select s.element_id from message_subscriptions s
        join requests r on r.id = s.request_id where r.tracking_code = ${code}`;
      return row?.element_id === 'WaitPayment' ? true : undefined;
    });
  const timelineEntry = async (code: string, kind: string) => {
    const [row] = await parvis.sql<{ payload: Record<string, unknown> }[]>`select e.payload from timeline_events e
      join requests r on r.id = e.request_id where r.tracking_code = ${code} and e.kind = ${kind}`;
    return row?.payload;
  };
  const openTasks = async (code: string) =>
    (
      await parvis.sql<{ name: string }[]>`select t.name from tasks t join requests r on r.id = t.request_id
        where r.tracking_code = ${code} and t.status = 'open' order by t.name`
    ).map((t) => t.name);
  /** What the workflow does on the engine's waitMessage: the activity, in the workflow's name. */
  const openSubscription = async (code: string, orderId: string, subscriptionId = 'WaitPayment#1') => {
    const { id, workflow_id } = await request(code);
    const env = new MockActivityEnvironment(
      { workflowExecution: { workflowId: workflow_id, runId: 'run' }, activityId: subscriptionId },
      { client: parvis.temporal },
    );
    return env.run(activities().openSubscription, {
      requestId: id,
      municipalityId: 'demo',
      subscriptionId,
      elementId: 'WaitPayment',
      messageName: 'paiement-recu',
      correlationKey: orderId,
    });
  };
  const stored = async () =>
    (await parvis.sql<{ n: number }[]>`select count(*)::int as n from published_messages`)[0]!.n;

  beforeAll(async () => {
    parvis = await startParvis({ log: (line) => logged.push(line) });
    await upsertAgent(parvis.sql, {
      municipalityId: 'demo',
      email: 'admin@demoville.fr',
      displayName: 'Ada Administratrice',
      password: 'demo-admin',
      roles: ['administrator'],
      groups: [],
    });
    await upsertMunicipality(parvis.sql, {
      id: 'autreville',
      name: 'Mairie d’Autreville',
      contactEmail: 'mairie@autreville.fr',
    });
    await deploy('attente-paiement', 'payment-wait-procedure.bpmn', 'Commande payée en ligne');
    await deploy('signalement-externe', 'message-start-procedure.bpmn', 'Signalement transmis');
    await deploy('avis-paiement', 'payment-notice-procedure.bpmn', 'Avis de paiement');
    await deploy('veille-meteo', 'storm-watch-procedure.bpmn', 'Veille météo');
    await deploy('tournee-tempete', 'storm-start-procedure.bpmn', 'Tournée après tempête');
    admin = parvis.client();
    await signIn(admin, 'admin@demoville.fr', 'demo-admin');
  }, 400_000);
  afterAll(() => parvis?.stop());

  it('a message published through the mutation reaches the request waiting for its name and key, and no other', async () => {
    const first = await submit('attente-paiement', { orderId: 'CMD-1' });
    const second = await submit('attente-paiement', { orderId: 'CMD-2' });
    await Promise.all([waiting(first), waiting(second)]);
    expect(await openSubscription(first, 'CMD-1')).toBeNull();
    expect(await openSubscription(second, 'CMD-2')).toBeNull();

    const { publishMessage } = await admin.data<{ publishMessage: Published }>(PUBLISH, {
      name: 'paiement-recu',
      key: 'CMD-1',
      variables: { montant: 42 },
    });

    expect(publishMessage).toEqual({
      correlated: [first],
      started: [],
      buffered: false,
      expiresAt: null,
      duplicate: false,
    });
    expect(await eventually(async () => ((await openTasks(first)).length ? openTasks(first) : undefined))).toEqual([
      'Vérifier le paiement',
    ]);
    expect(await openTasks(second)).toEqual([]);
  });

  it('the signed webhook publishes too; a bad call is refused with a clear JSON error and stores nothing', async () => {
    const code = await submit('attente-paiement', { orderId: 'CMD-9' });
    await waiting(code);
    await openSubscription(code, 'CMD-9');
    const { renewMessageWebhookSecret: secret } = await admin.data<{ renewMessageWebhookSecret: string }>(
      'mutation { renewMessageWebhookSecret }',
    );
    const post = (body: string, headers: Record<string, string>) =>
      fetch(`${parvis.url}/webhooks/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    const signed = (body: string, options: { secret?: string; municipality?: string; timestamp?: number } = {}) => ({
      'x-parvis-municipality': options.municipality ?? 'demo',
      ...smsGatewayHeaders(body, {
        secret: options.secret ?? secret,
        municipality: options.municipality ?? 'demo',
        ...options,
      }),
    });
    const body = JSON.stringify({ name: 'paiement-recu', correlationKey: 'CMD-9', variables: { montant: 12.5 } });
    const before = await stored();

    const refusals = [
      [await post(body, {}), 400, /X-Parvis-Municipality/],
      [await post(body, signed(body, { municipality: 'nulle-part' })), 404, /Commune inconnue.*Unknown municipality/],
      [await post(body, signed(body, { municipality: 'autreville' })), 403, /pas de secret.*no secret/],
      [await post(body, signed(body, { secret: 'un-autre-secret-de-trente-deux-caracteres' })), 401, /Signature/],
      [
        await post(body, signed(body, { timestamp: Math.floor(Date.now() / 1000) - 3600 })),
        401,
        /Horodatage.*Timestamp/,
      ],
      [await post('{"name": ', signed('{"name": ')), 400, /pas du JSON.*not JSON/],
      [await post('{"correlationKey":"CMD-9"}', signed('{"correlationKey":"CMD-9"}')), 400, /name : obligatoire/],
      [
        await post('{"name":"paiement-recu","timeToLive":-5}', signed('{"name":"paiement-recu","timeToLive":-5}')),
        400,
        /timeToLive/,
      ],
    ] as const;
    for (const [response, status, error] of refusals) {
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      expect(((await response.json()) as { error: string }).error).toMatch(error);
    }
    expect(await stored()).toBe(before);
    expect(await openTasks(code)).toEqual([]);

    const accepted = await post(body, signed(body));
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toMatchObject({ correlated: [code], duplicate: false });
    await eventually(async () => ((await openTasks(code)).length ? true : undefined));
    expect(logged.some((line) => line.includes('webhook: message for demo') && line.includes('bad signature'))).toBe(
      true,
    );
  });

  it('the mutation is for administrators, and says which argument is wrong', async () => {
    const agent = parvis.client();
    await signIn(agent, 'accueil@demoville.fr', 'demo-accueil');
    const before = await stored();
    const forbidden = await agent.request(PUBLISH, { name: 'paiement-recu', key: 'CMD-1' });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await parvis.client().request(PUBLISH, { name: 'paiement-recu' });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    for (const [variables, field] of [
      [{ name: '  ' }, 'name'],
      [{ name: 'paiement-recu', ttl: 1.5 }, 'timeToLive'],
      [{ name: 'paiement-recu', ttl: 400 * 24 * 3600 * 1000 }, 'timeToLive'],
      [{ name: 'paiement-recu', variables: [1, 2] }, 'variables'],
      [{ name: 'paiement-recu', key: 'x'.repeat(201) }, 'correlationKey'],
    ] as const) {
      const result = await admin.request(PUBLISH, variables);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toMatch(new RegExp(`^${field} :.* / ${field}:`));
    }
    expect(await stored()).toBe(before);
  });

  it('a message nobody waits for is buffered for its time to live: a wait opening within it takes it once, not after', async () => {
    const { publishMessage: buffered } = await admin.data<{ publishMessage: Published }>(PUBLISH, {
      name: 'paiement-recu',
      key: 'CMD-3',
      variables: { montant: 30 },
      ttl: 60_000,
    });
    expect(buffered).toMatchObject({ correlated: [], started: [], buffered: true, duplicate: false });
    expect(Date.parse(buffered.expiresAt!) - Date.now()).toBeGreaterThan(50_000);

    // a request whose wait opens within it takes it from the buffer: it moves on, the message on its timeline
    const code = await submit('attente-paiement', { orderId: 'CMD-3' });
    await eventually(async () => ((await openTasks(code)).length ? true : undefined));
    expect(await timelineEntry(code, 'messageReceived')).toEqual({
      message: 'paiement-recu',
      from: 'Ada Administratrice',
    });
    // and a second wait with the same key gets nothing: it was taken once
    const second = await submit('attente-paiement', { orderId: 'CMD-3' });
    await subscribed(second);
    expect(await openTasks(second)).toEqual([]);

    const { publishMessage: brief } = await admin.data<{ publishMessage: Published }>(PUBLISH, {
      name: 'paiement-recu',
      key: 'CMD-4',
      ttl: 300,
    });
    expect(brief.buffered).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 600));
    // past its time to live, a wait that opens gets nothing: it waits, its subscription recorded
    const late = await submit('attente-paiement', { orderId: 'CMD-4' });
    await subscribed(late);
    expect(await openTasks(late)).toEqual([]);

    // without a time to live, a message nobody waits for is not kept
    const { publishMessage: gone } = await admin.data<{ publishMessage: Published }>(PUBLISH, {
      name: 'paiement-recu',
      key: 'CMD-5',
    });
    expect(gone).toMatchObject({ correlated: [], started: [], buffered: false });
  });

  it('a wait that ended without its subscription closed is dropped, and the message buffered instead', async () => {
    const code = await submit('attente-paiement', { orderId: 'CMD-7' });
    await waiting(code);
    await openSubscription(code, 'CMD-7');
    await admin.data(PUBLISH, { name: 'paiement-recu', key: 'CMD-7' });
    await eventually(async () => ((await openTasks(code)).length ? true : undefined));
    // the request is past its catch, but the subscription stayed (as if closing it had failed)
    await openSubscription(code, 'CMD-7', 'WaitPayment#9');

    const { publishMessage } = await admin.data<{ publishMessage: Published }>(PUBLISH, {
      name: 'paiement-recu',
      key: 'CMD-7',
      ttl: 60_000,
    });

    expect(publishMessage).toMatchObject({ correlated: [], buffered: true });
    const left = await parvis.sql`select 1 from message_subscriptions where correlation_key = 'CMD-7'`;
    expect(left).toHaveLength(0);
  });

  it('a delivery its receiving request cannot take gives way when its activity is cancelled, as when the worker stops', async () => {
    // given a wait whose workflow no worker runs: the update would be answered in its next workflow task, never
    const code = await submit('attente-paiement', { orderId: 'CMD-40' });
    const { id } = await request(code);
    const unserved = await parvis.temporal.workflow.start('requestWorkflow', {
      taskQueue: 'no-worker-polls-this',
      workflowId: `unserved-${code}`,
      args: [],
    });
    const subscribe = new MockActivityEnvironment(
      { workflowExecution: { workflowId: unserved.workflowId, runId: 'run' }, activityId: 'WaitPayment#40' },
      { client: parvis.temporal },
    );
    await subscribe.run(activities().openSubscription, {
      requestId: id,
      municipalityId: 'demo',
      subscriptionId: 'WaitPayment#40',
      elementId: 'WaitPayment',
      messageName: 'paiement-recu',
      correlationKey: 'CMD-41',
    });
    // The worker's activities reach Temporal over its native connection, which ignores abort signals.
    const native = await NativeConnection.connect({
      address: (parvis.temporal.connection as Connection).options.address,
    });
    const client = new Client({ connection: native, namespace: parvis.temporal.options.namespace });
    const publish = new MockActivityEnvironment({ activityId: 'publish-41' }, { client });
    const publishing = publish.run(activities().publishMessage, {
      municipalityId: 'demo',
      messageName: 'paiement-recu',
      correlationKey: 'CMD-41',
      from: 'test',
    });
    await eventually(async () => {
      const [row] = await parvis.sql`select 1 from published_messages where correlation_key = 'CMD-41'`;
      return row ? true : undefined;
    });

    // when the activity is cancelled (a stopping worker cancels its activities)
    const cancelledAt = Date.now();
    publish.cancel();

    // then it ends at once, cancelled, instead of keeping the worker from stopping
    await expect(publishing).rejects.toThrow(CancelledFailure);
    expect(Date.now() - cancelledAt).toBeLessThan(2_000);
    await unserved.terminate();
    await native.close();
  });

  it('a message with a messageId is published once', async () => {
    const first = await admin.data<{ publishMessage: Published }>(PUBLISH, {
      name: 'paiement-recu',
      key: 'CMD-6',
      ttl: 60_000,
      id: 'psp-7781',
    });
    const again = await admin.data<{ publishMessage: Published }>(PUBLISH, {
      name: 'paiement-recu',
      key: 'CMD-6',
      ttl: 60_000,
      id: 'psp-7781',
    });
    expect(first.publishMessage.buffered).toBe(true);
    expect(again.publishMessage).toMatchObject({ duplicate: true, buffered: false, correlated: [] });
    const rows = await parvis.sql`select 1 from published_messages where message_id = 'psp-7781'`;
    expect(rows).toHaveLength(1);
  });

  it('a message start event starts a request with the message’s variables', async () => {
    const { publishMessage } = await admin.data<{ publishMessage: Published }>(PUBLISH, {
      name: 'signalement-recu',
      variables: { adresse: '3 rue des Lilas', motif: 'Lampadaire éteint' },
    });
    expect(publishMessage.correlated).toEqual([]);
    expect(publishMessage.started).toHaveLength(1);
    const code = publishMessage.started[0]!;
    expect(await request(code)).toMatchObject({ channel: 'message', data: { adresse: '3 rue des Lilas' } });
    expect(await eventually(async () => ((await openTasks(code)).length ? openTasks(code) : undefined))).toEqual([
      'Traiter le signalement',
    ]);
  });

  it('a signal starts the signal-start procedures of the town, once however often the broadcast is retried', async () => {
    const thrower = await submit('avis-paiement', { orderId: 'CMD-30' });
    const { id, workflow_id } = await request(thrower);
    // what the thrower's workflow does on the engine's throwSignal: the activity, retried once
    const env = new MockActivityEnvironment(
      { workflowExecution: { workflowId: workflow_id, runId: 'run' }, activityId: 'throw-1' },
      { client: parvis.temporal },
    );
    const input = {
      municipalityId: 'demo',
      signalName: 'alerte-meteo',
      variables: { vent: 120 },
      from: thrower,
      fromRequestId: id,
    };
    const first = (await env.run(activities().broadcastSignal, input)) as { started: string[] };
    const again = (await env.run(activities().broadcastSignal, input)) as { started: string[] };

    expect(first.started).toHaveLength(1);
    expect(again.started).toEqual(first.started);
    const started = first.started[0]!;
    expect(await request(started)).toMatchObject({ channel: 'signal', data: { vent: 120 } });
    expect(await eventually(async () => ((await openTasks(started)).length ? openTasks(started) : undefined))).toEqual([
      'Inspecter les arbres',
    ]);
  });

  it('the workflow records its wait with its key, receives the message, and closes the wait', async () => {
    const code = await submit('attente-paiement', { orderId: 'CMD-10' });
    const subscription = await eventually(async () => {
      const [row] = await parvis.sql<{ element_id: string; correlation_key: string }[]>`
        select s.element_id, s.correlation_key from message_subscriptions s join requests r on r.id = s.request_id
        where r.tracking_code = ${code}`;
      return row;
    });
    expect(subscription).toEqual({ element_id: 'WaitPayment', correlation_key: 'CMD-10' });
    const { publishMessage } = await admin.data<{ publishMessage: Published }>(PUBLISH, {
      name: 'paiement-recu',
      key: 'CMD-10',
    });
    expect(publishMessage.correlated).toEqual([code]);
    await eventually(async () => ((await openTasks(code)).length ? true : undefined));
    await eventually(async () => {
      const rows = await parvis.sql`select 1 from message_subscriptions s join requests r on r.id = s.request_id
        where r.tracking_code = ${code}`;
      return rows.length === 0 ? true : undefined;
    });
  });

  it('a message published before the wait arrives from the buffer within its time to live, not after', async () => {
    await admin.data(PUBLISH, { name: 'paiement-recu', key: 'CMD-11', ttl: 60_000 });
    const early = await submit('attente-paiement', { orderId: 'CMD-11' });
    expect(await eventually(async () => ((await openTasks(early)).length ? openTasks(early) : undefined))).toEqual([
      'Vérifier le paiement',
    ]);

    await admin.data(PUBLISH, { name: 'paiement-recu', key: 'CMD-12', ttl: 200 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const late = await submit('attente-paiement', { orderId: 'CMD-12' });
    await eventually(async () => {
      const rows = await parvis.sql`select 1 from message_subscriptions s join requests r on r.id = s.request_id
        where r.tracking_code = ${late}`;
      return rows.length ? true : undefined;
    });
    expect(await openTasks(late)).toEqual([]);
  });

  it('a request’s message throw reaches another request; its signal end reaches signal catches and starts signal-start procedures', async () => {
    const order = await submit('attente-paiement', { orderId: 'CMD-13' });
    const site = await submit('veille-meteo', {});
    await eventually(async () => {
      const rows = await parvis.sql`select 1 from message_subscriptions s join requests r on r.id = s.request_id
        where r.tracking_code = ${order}`;
      return rows.length ? true : undefined;
    });
    await waiting(site);
    const before = await parvis.sql`select 1 from requests where channel = 'signal'`;

    await submit('avis-paiement', { orderId: 'CMD-13' });

    await eventually(async () => ((await openTasks(order)).length ? true : undefined));
    expect(await eventually(async () => ((await openTasks(site)).length ? openTasks(site) : undefined))).toEqual([
      'Sécuriser le chantier',
    ]);
    const started = await eventually(async () => {
      const rows = await parvis.sql<
        { tracking_code: string }[]
      >`select tracking_code from requests where channel = 'signal'`;
      return rows.length > before.length ? rows : undefined;
    });
    expect(
      await eventually(async () => {
        const names = await openTasks(started.at(-1)!.tracking_code);
        return names.length ? names : undefined;
      }),
    ).toEqual(['Inspecter les arbres']);
  });
});

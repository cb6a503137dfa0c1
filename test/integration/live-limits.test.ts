import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { eventually } from '../support/graphql-client.ts';
import { ownApis } from '../support/own-api.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

// Limits on subscriptions over graphql-ws, with a real graphql-ws client against a real Parvis.

const SIGN_IN = `mutation { signIn(municipality: "demo", email: "accueil@demoville.fr", password: "demo-accueil") { id } }`;
const INBOX_CHANGED = 'subscription { inboxChanged { taskIds at } }';

interface Socket {
  client: Client;
  connected: boolean;
  closed?: { code: number; reason: string };
}

interface Subscription {
  errors: { message: string; extensions?: Record<string, unknown> }[];
  done: boolean;
  stop: () => void;
}

describe('limits on live subscriptions per client', () => {
  let parvis: RunningParvis;
  let agent: string;
  const sockets: Socket[] = [];
  const logged: string[] = [];

  /** APIs of their own (their own buckets) over the test's Parvis. */
  const apis = ownApis(
    () => parvis,
    (line) => logged.push(line),
  );

  /** A graphql-ws client opening its socket with the agent's session cookie, as the portal does. */
  function open(url: string): Socket {
    const withCookie = class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: { cookie: agent } });
      }
    };
    const socket: Socket = {
      connected: false,
      client: createClient({
        url: `${url.replace('http', 'ws')}/graphql`,
        webSocketImpl: withCookie,
        retryAttempts: 0,
        on: {
          connected: () => {
            socket.connected = true;
          },
          closed: (event) => {
            const { code, reason } = event as { code: number; reason: string };
            socket.closed = { code, reason };
          },
        },
      }),
    };
    sockets.push(socket);
    return socket;
  }

  function subscribe(socket: Socket): Subscription {
    const subscription: Subscription = { errors: [], done: false, stop: () => {} };
    subscription.stop = socket.client.subscribe(
      { query: INBOX_CHANGED },
      {
        next: (result) => {
          if (result.errors) subscription.errors.push(...(result.errors as Subscription['errors']));
        },
        error: (error) => {
          if (Array.isArray(error)) subscription.errors.push(...error);
          subscription.done = true;
        },
        complete: () => {
          subscription.done = true;
        },
      },
    );
    return subscription;
  }

  const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));

  beforeAll(async () => {
    parvis = await startParvis();
    const signIn = await fetch(`${parvis.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SIGN_IN }),
    });
    agent = signIn.headers.get('set-cookie')!.split(';')[0]!;
  }, 180_000);
  afterAll(async () => {
    await Promise.all(sockets.map((socket) => socket.client.dispose()));
    await apis.stop();
    await parvis?.stop();
  });

  it('closes a socket over the sockets a client may keep open, saying why; a socket closed frees a place', async () => {
    // given an API where a client keeps 2 sockets at most
    const url = await apis.start({ liveLimits: { socketsPerClient: 2, subscriptionsPerSocket: 10 } });
    // when the agent opens two tabs listening to the inbox, then a third
    const [first, second, third] = [open(url), open(url), open(url)];
    subscribe(first);
    subscribe(second);
    await eventually(async () => (first.connected && second.connected) || undefined);
    const refused = subscribe(third);
    // then the third is closed with the reason, the first two stay connected
    await eventually(async () => third.closed);
    expect(third.closed).toEqual({
      code: 4429,
      reason: 'Trop de connexions ouvertes (2 au plus). / Too many open sockets (at most 2).',
    });
    expect(third.connected).toBe(false);
    expect(refused.done).toBe(true);
    expect(first.closed).toBeUndefined();
    expect(second.closed).toBeUndefined();
    expect(logged.some((line) => line.includes('over 2 sockets'))).toBe(true);
    // and once a tab is closed, a new one is accepted
    await first.client.dispose();
    await settle();
    const fourth = open(url);
    subscribe(fourth);
    await eventually(async () => fourth.connected || fourth.closed);
    expect(fourth.closed).toBeUndefined();
  });

  it('refuses a subscription over the subscriptions of one socket, with a coded error; the others run on', async () => {
    // given an API where one socket carries 2 subscriptions at most
    const url = await apis.start({ liveLimits: { socketsPerClient: 10, subscriptionsPerSocket: 2 } });
    const socket = open(url);
    // when a third subscription is asked for on the same socket
    const [one, two] = [subscribe(socket), subscribe(socket)];
    await settle();
    const three = subscribe(socket);
    // then it alone is refused, saying what the limit is
    await eventually(async () => three.done || undefined);
    expect(three.errors[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(three.errors[0]?.message).toBe(
      "Trop d'abonnements sur cette connexion (2 au plus) : arrêtez-en un d'abord. / Too many subscriptions on this socket (at most 2): stop one first.",
    );
    expect([one.done, two.done, socket.closed]).toEqual([false, false, undefined]);
    // and once one is stopped, another is accepted
    one.stop();
    await settle();
    const four = subscribe(socket);
    await settle();
    expect([four.done, four.errors]).toEqual([false, []]);
  });

  it('spends the same per-client tokens as HTTP: past them the socket closes with when to come back, and HTTP answers 429', async () => {
    // given an API allowing 5 requests per client, then one a minute
    const url = await apis.start({ rateLimit: { burst: 5, perSecond: 1 / 60 } });
    // when the agent opens a socket (1), says hello (2) and subscribes three times (5), then once more
    const socket = open(url);
    const first = [subscribe(socket), subscribe(socket), subscribe(socket)];
    await eventually(async () => socket.connected || undefined);
    await settle();
    expect(socket.closed).toBeUndefined();
    const over = subscribe(socket);
    // then the socket closes saying when to try again, and its subscriptions end
    await eventually(async () => socket.closed);
    expect(socket.closed!.code).toBe(4429);
    expect(socket.closed!.reason).toMatch(
      /^Trop de messages : réessayez dans \d+ s\. \/ Too many messages: retry in \d+ s\.$/,
    );
    expect([...first, over].every((subscription) => subscription.done)).toBe(true);
    // and the same agent's requests over HTTP are refused too, until the bucket refills
    const http = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: agent },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(http.status).toBe(429);
  });
});

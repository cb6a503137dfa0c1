import { type Client, createClient, type ExecutionResult } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { eventually, GraphqlClient } from '../support/graphql-client.ts';
import { ownApis } from '../support/own-api.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

// Queries and mutations over graphql-ws, as Apollo Client and urql send them when every operation
// goes through the socket: a real graphql-ws client against a real Parvis, compared with HTTP.

const SIGN_IN = `mutation { signIn(municipality: "demo", email: "accueil@demoville.fr", password: "demo-accueil") { id } }`;
const INBOX = `query Inbox { me { email } workQueue(filter: { scope: AVAILABLE }, first: 200) { id request { trackingCode } } }`;
const SUBMIT = `mutation Submit($data: JSON!) {
  submitRequest(municipality: "demo", procedure: "contact", data: $data) { trackingCode } }`;
const TRACK = `query ($code: String!, $email: String) { request(trackingCode: $code, email: $email) { trackingCode status } }`;
/** A page of 200 tasks with their requests: a few hundred points, so a few tokens more than its message. */
const TASK_PAGE = '{ workQueue(filter: { scope: AVAILABLE }, first: 200) { id request { trackingCode } } }';
/** 31 aliases, one over the API's limit (common/query-limits.ts). */
const COSTLY = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;

type Answer = ExecutionResult<Record<string, unknown>, Record<string, unknown>> & {
  errors?: { message: string; extensions?: Record<string, unknown> }[];
};

describe('queries and mutations over graphql-ws', () => {
  let parvis: RunningParvis;
  let agentCookie: string;
  const clients: Client[] = [];
  /** APIs of their own (their own buckets) over the test's Parvis. */
  const apis = ownApis(
    () => parvis,
    () => {},
  );

  /** A graphql-ws client on Parvis, with a session cookie when given (as a browser sends its cookies). */
  function socket(
    cookie?: string,
    closed?: (event: { code: number; reason: string }) => void,
    url = parvis.url,
  ): Client {
    const withCookie = class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: cookie ? { cookie } : {} });
      }
    };
    const client = createClient({
      url: `${url.replace('http', 'ws')}/graphql`,
      webSocketImpl: withCookie,
      retryAttempts: 0,
      lazy: false,
      // a socket the server closes is what some tests wait for: told through `closed`, not logged
      onNonLazyError: () => {},
      on: { closed: (event) => closed?.(event as { code: number; reason: string }) },
    });
    clients.push(client);
    return client;
  }

  /** One operation on the socket: its answer, or the errors the server refused it with. */
  function run(client: Client, query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
    return new Promise((resolve, reject) => {
      let answer: Answer | undefined;
      client.subscribe<Record<string, unknown>>(
        { query, variables },
        {
          next: (result) => {
            answer = result as Answer;
          },
          error: (error) =>
            Array.isArray(error) ? resolve({ errors: error as Answer['errors'] }) : reject(error as Error),
          complete: () => (answer ? resolve(answer) : reject(new Error('completed without an answer'))),
        },
      );
    });
  }

  /** The same operation over HTTP, with the same cookie. */
  async function overHttp(
    query: string,
    cookie?: string,
    variables: Record<string, unknown> = {},
    url = parvis.url,
  ): Promise<Answer> {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Answer;
  }

  const sessions = async () => Number((await parvis.sql`select count(*) from agent_sessions`)[0]!.count);

  beforeAll(async () => {
    parvis = await startParvis();
    const signIn = await fetch(`${parvis.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SIGN_IN }),
    });
    agentCookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  }, 180_000);
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await apis.stop();
    await parvis?.stop();
  });

  it("files a request with a mutation on the socket, and answers the agent's inbox query as HTTP does", async () => {
    // given a citizen's socket, without any session
    const citizen = socket();
    // when the citizen files a contact request on it
    const filed = await run(citizen, SUBMIT, {
      data: { subject: 'Horaires', message: 'Bonjour, à quelle heure ouvre la mairie ?', email: 'ws@example.fr' },
    });
    // then the request is filed: HTTP finds it by its tracking code
    expect(filed.errors).toBeUndefined();
    const code = (filed.data!.submitRequest as { trackingCode: string }).trackingCode;
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const tracked = await new GraphqlClient(`${parvis.url}/graphql`).data<{ request: { trackingCode: string } }>(
      TRACK,
      { code, email: 'ws@example.fr' },
    );
    expect(tracked.request.trackingCode).toBe(code);

    // when the agent asks for their inbox on a socket opened with their session
    const agent = socket(agentCookie);
    const inbox = await eventually(async () => {
      const answer = await run(agent, INBOX);
      const items = answer.data?.workQueue as { request: { trackingCode: string } }[] | undefined;
      return items?.some((item) => item.request.trackingCode === code) ? answer : undefined;
    });
    // then it is the inbox HTTP answers, the new request in it
    expect(inbox.errors).toBeUndefined();
    expect((inbox.data!.me as { email: string }).email).toBe('accueil@demoville.fr');
    expect(inbox.data).toEqual((await overHttp(INBOX, agentCookie)).data);
  });

  it('refuses a costly query and an unauthenticated one with the errors HTTP gives, running neither', async () => {
    const agent = socket(agentCookie);
    // when the agent sends a query with too many aliases
    const costly = await run(agent, COSTLY);
    // then it is refused as over HTTP: same code, same message
    expect(costly.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
    const costlyOverHttp = await overHttp(COSTLY, agentCookie);
    expect(costly.errors?.map((e) => [e.message, e.extensions?.code])).toEqual(
      costlyOverHttp.errors?.map((e) => [e.message, e.extensions?.code]),
    );

    // when someone without a session asks for an inbox on the socket
    const stranger = await run(socket(), INBOX);
    // then it is refused as over HTTP
    expect(stranger.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(stranger.errors?.[0]?.message).toBe((await overHttp(INBOX)).errors?.[0]?.message);
    expect(stranger.data?.workQueue ?? null).toBeNull();
  });

  it('charges a costly operation its tokens as HTTP does, and refuses it with the same words once they run out', async () => {
    // given an API where a client has 8 tokens, and almost none come back (the page costs 400 points: 4 tokens)
    const limit = { rateLimit: { burst: 8, perSecond: 1 / 600 } };
    const [onSocket, onHttp] = [await apis.start(limit), await apis.start(limit)];
    // when the agent asks for a page of 200 tasks on the socket, again and again
    const agent = socket(agentCookie, undefined, onSocket);
    const answers: Answer[] = [];
    for (let i = 0; i < 4 && !answers.at(-1)?.errors; i++) answers.push(await run(agent, TASK_PAGE));
    // then the socket answers the first (the socket, its opening and the message took 3 tokens, the
    // page 4) and refuses the second, saying when to come back
    expect(answers.map((answer) => answer.errors === undefined)).toEqual([true, false]);
    const refused = answers.at(-1)!.errors?.[0];
    expect(refused?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(refused?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    // and so does HTTP, with the same words (on an API of its own: the same agent shares one bucket)
    let overHttpRefused: Answer['errors'];
    for (let i = 0; i < 4 && !overHttpRefused; i++)
      overHttpRefused = (await overHttp(TASK_PAGE, agentCookie, {}, onHttp)).errors;
    const words = (message?: string) => message?.replace(/\d+ s/g, 'N s');
    expect(words(refused?.message)).toBe(words(overHttpRefused?.[0]?.message));
    expect(refused?.message).toContain('Too many costly requests');
  });

  it('sends a sign-in to HTTP, opening no session, since a socket cannot set the cookie', async () => {
    const before = await sessions();
    // when a client signs in on the socket
    const refused = await run(socket(), SIGN_IN);
    // then it is told to use HTTP, and no session was opened
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_REQUEST', fields: ['signIn'] });
    expect(refused.errors?.[0]?.message).toContain('send it over HTTP');
    expect(await sessions()).toBe(before);
  });

  it('closes the socket at the next operation once its session has ended', async () => {
    // given an agent's socket that answered as them
    const cookie = (
      await fetch(`${parvis.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: SIGN_IN }),
      })
    ).headers
      .get('set-cookie')!
      .split(';')[0]!;
    let closed: { code: number; reason: string } | undefined;
    const agent = socket(cookie, (event) => {
      closed = event;
    });
    expect((await run(agent, INBOX)).errors).toBeUndefined();
    // when the agent signs out over HTTP
    await overHttp('mutation { signOut }', cookie);
    // then the socket's next query is refused, and the socket closes
    const after = await run(agent, INBOX).catch(() => ({ errors: [{ message: 'closed' }] }) as Answer);
    expect(after.data?.workQueue ?? null).toBeNull();
    await eventually(async () => closed);
    expect(closed?.code).toBe(4403);
  });
});

import type { ServerOptions } from '@parvis/graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownApis } from '../support/own-api.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

const SIGN_IN = `mutation { signIn(municipality: "demo", email: "accueil@demoville.fr", password: "demo-accueil") { id } }`;

describe('rate limits per client on the whole API', () => {
  let parvis: RunningParvis;
  const logged: string[] = [];

  /** An API with its own limits; a bucket refills one token a minute, so nothing refills mid-test. */
  const apis = ownApis(
    () => parvis,
    (line) => logged.push(line),
  );
  async function api(options: ServerOptions) {
    const url = await apis.start(options);
    return {
      graphql: (query: string, headers: Record<string, string> = {}) =>
        fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query }),
        }),
      get: (path: string, headers: Record<string, string> = {}) => fetch(`${url}${path}`, { headers }),
    };
  }

  beforeAll(async () => {
    parvis = await startParvis();
  });
  afterAll(async () => {
    await apis.stop();
    await parvis?.stop();
  });

  it('answers 429 with Retry-After to a client over its limit, and only to that client', async () => {
    // behind a reverse proxy on this machine, which names the client in X-Forwarded-For
    const { graphql, get } = await api({ rateLimit: { burst: 5, perSecond: 1 / 60 }, trustProxy: 'loopback' });
    const from = (address: string) => ({ 'x-forwarded-for': address });
    // an agent signs in from an office address
    const signIn = await graphql(SIGN_IN, from('198.51.100.7'));
    const agent = { cookie: signIn.headers.get('set-cookie')!.split(';')[0]!, ...from('203.0.113.1') };

    // a client sends its five requests, then one too many
    for (let i = 0; i < 5; i++) expect((await graphql('{ __typename }', from('203.0.113.1'))).status).toBe(200);
    const refused = await graphql('{ __typename }', from('203.0.113.1'));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await refused.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors[0]!.extensions.code).toBe('RATE_LIMITED');
    expect(body.errors[0]!.message).toMatch(/^Trop de requêtes : réessayez dans \d+ s\. \/ Too many requests/);
    // the other endpoints of the API count for it too
    const open311 = await get('/open311/v2/demo/services.xml', from('203.0.113.1'));
    expect(open311.status).toBe(429);
    // an Open311 client reads the refusal as GeoReport's error, in the format it asked for
    expect(await open311.text()).toMatch(/<errors><error><code>429<\/code><description>Trop de requêtes/);
    expect((await get('/open311/v2/demo/services.json', from('203.0.113.3'))).status).toBe(200);

    // another address is not affected, nor the signed-in agent behind the limited one
    expect((await graphql('{ __typename }', from('203.0.113.2'))).status).toBe(200);
    const inbox = await graphql('{ inbox: workQueue(filter: { scope: AVAILABLE }, first: 200) { id } }', agent);
    expect(inbox.status).toBe(200);
    expect(((await inbox.json()) as { errors?: unknown }).errors).toBeUndefined();
    expect(logged.some((l) => l.includes('address:203.0.113.1') && l.includes('refused'))).toBe(true);
  });

  it('ignores X-Forwarded-For unless a trusted proxy is configured', async () => {
    const { graphql } = await api({ rateLimit: { burst: 3, perSecond: 1 / 60 } });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      // a client that invents a new address each time is still the same connection's address
      statuses.push((await graphql('{ __typename }', { 'x-forwarded-for': `192.0.2.${i}` })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('counts an invented session cookie as its address', async () => {
    const { graphql } = await api({ rateLimit: { burst: 2, perSecond: 1 / 60 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await graphql('{ __typename }', { cookie: `parvis_session=invented-${i}` })).status);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });
});

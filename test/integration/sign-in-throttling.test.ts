import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphqlResult } from '../support/graphql-client.ts';
import { ownApis } from '../support/own-api.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

const SIGN_IN = `mutation ($email: String!, $password: String!) {
  signIn(municipality: "demo", email: $email, password: $password) { id }
}`;

interface Answer extends GraphqlResult<{ signIn: { id: string } }> {
  retryAfter: string | null;
}

describe('sign-in throttling per account and address', () => {
  let parvis: RunningParvis;
  const apis = ownApis(
    () => parvis,
    () => {},
  );
  /** Signs in from `address`, as the reverse proxy on this machine names the client in X-Forwarded-For. */
  let signIn: (address: string, email: string, password: string) => Promise<Answer>;

  beforeAll(async () => {
    parvis = await startParvis();
    const url = await apis.start({ trustProxy: 'loopback' });
    signIn = async (address, email, password) => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
        body: JSON.stringify({ query: SIGN_IN, variables: { email, password } }),
      });
      return {
        ...((await response.json()) as GraphqlResult<{ signIn: { id: string } }>),
        retryAfter: response.headers.get('retry-after'),
      };
    };
  });
  afterAll(async () => {
    await apis.stop();
    await parvis?.stop();
  });

  const code = (answer: Answer) => answer.errors?.[0]?.extensions?.code;
  const retryAfterSeconds = (answer: Answer) => answer.errors?.[0]?.extensions?.retryAfterSeconds as number;

  /** Wrong passwords from `address` until one is refused unchecked: answers how many were checked, and the refusal. */
  async function failUntilRefused(address: string, email: string) {
    for (let checked = 0; checked < 20; checked++) {
      const answer = await signIn(address, email, `devine ${checked}`);
      if (code(answer) !== 'UNAUTHENTICATED') return { checked, refusal: answer };
    }
    throw new Error('twenty wrong passwords and never refused');
  }

  it('makes the address that guesses wait, not the agent at the office', async () => {
    // given an attacker's wrong passwords for the reception agent, until refused
    const { checked, refusal } = await failUntilRefused('203.0.113.66', 'accueil@demoville.fr');
    expect(checked).toBeGreaterThanOrEqual(5);
    // when the agent signs in from the town hall's address
    const office = await signIn('198.51.100.7', 'accueil@demoville.fr', 'demo-accueil');
    // then the agent is in
    expect(office.errors).toBeUndefined();
    expect(office.data?.signIn.id).toBeTruthy();
    // and the attacker was told when to retry, with no offer of an e-mail link agents do not have
    expect(code(refusal)).toBe('RATE_LIMITED');
    const seconds = retryAfterSeconds(refusal);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(refusal.retryAfter).toBe(String(seconds));
    expect(refusal.errors?.[0]?.message).toBe(
      `Trop de tentatives : réessayez dans ${seconds} s. / Too many attempts: try again in ${seconds} s.`,
    );
  });

  it('doubles the wait of a guessing pair, checks no password meanwhile, and forgets it on success', async () => {
    // given an address that failed for the manager until refused
    const address = '192.0.2.10';
    const { refusal: first } = await failUntilRefused(address, 'manager@demoville.fr');
    // when, the wait over, one more wrong password
    await sleep(retryAfterSeconds(first) * 1000);
    expect(code(await signIn(address, 'manager@demoville.fr', 'encore raté'))).toBe('UNAUTHENTICATED');
    // then even the right password is refused unchecked, with a longer wait
    const second = await signIn(address, 'manager@demoville.fr', 'demo-manager');
    expect(code(second)).toBe('RATE_LIMITED');
    expect(retryAfterSeconds(second)).toBeGreaterThan(retryAfterSeconds(first));
    // when the wait is over and the right password comes
    await sleep(retryAfterSeconds(second) * 1000);
    const signedIn = await signIn(address, 'manager@demoville.fr', 'demo-manager');
    expect(signedIn.errors).toBeUndefined();
    // then the pair starts afresh: a typo is checked, not refused
    expect(code(await signIn(address, 'manager@demoville.fr', 'faute de frappe'))).toBe('UNAUTHENTICATED');
  });

  it('checks no more passwords when they are sent all at once', async () => {
    // when an address sends twelve guesses for the analyst at the same time
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => signIn('192.0.2.20', 'analyste@demoville.fr', `essai ${i}`)),
    );
    // then five are checked and the others wait, as if they had come one after the other
    expect(answers.map(code).sort()).toEqual([...Array(7).fill('RATE_LIMITED'), ...Array(5).fill('UNAUTHENTICATED')]);
  });

  it('stops an address that tries one password on many accounts', async () => {
    // given thirty wrong passwords from one address, each on another account
    const sprayer = '203.0.113.99';
    for (let i = 0; i < 30; i++) {
      expect(code(await signIn(sprayer, `agent${i}@demoville.fr`, 'Printemps2024!'))).toBe('UNAUTHENTICATED');
    }
    // when it tries another account, even with its right password
    const refused = await signIn(sprayer, 'technique@demoville.fr', 'demo-technique');
    // then it waits for the quarter of an hour to pass
    expect(code(refused)).toBe('RATE_LIMITED');
    expect(retryAfterSeconds(refused)).toBeGreaterThan(14 * 60);
    expect(refused.errors?.[0]?.message).toMatch(/^Trop de tentatives : réessayez dans 15 min\. \/ Too many attempts/);
    // and that account's owner, elsewhere, is not affected
    expect((await signIn('198.51.100.8', 'technique@demoville.fr', 'demo-technique')).errors).toBeUndefined();
  });

  it('never locks the agent out of an address that has not failed, however many addresses guess', async () => {
    // given wrong passwords for the director from twelve addresses, two each
    for (let i = 1; i <= 12; i++) {
      for (const guess of ['dgs-2024', 'mairie']) {
        expect(code(await signIn(`198.18.0.${i}`, 'dgs@demoville.fr', guess))).toMatch(/UNAUTHENTICATED|RATE_LIMITED/);
      }
    }
    // when the director signs in from the office
    const office = await signIn('198.51.100.9', 'dgs@demoville.fr', 'demo-dgs');
    // then the director is in
    expect(office.errors).toBeUndefined();
  });
});

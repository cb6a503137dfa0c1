import { describe, expect, it } from 'vitest';
import { type SignInFailures, signInWait } from './sign-in-wait.ts';

const none: SignInFailures = { pair: 0, pairLastAgo: 0, fromNetwork: 0, networkOldestAgo: 0, ofAccount: 0 };
/** `pair` failures of one account from one network, the last one just now. */
const pair = (failures: number, lastAgo = 0): SignInFailures => ({
  ...none,
  pair: failures,
  pairLastAgo: lastAgo,
  fromNetwork: failures,
  ofAccount: failures,
});

describe('signInWait: how long a sign-in from a network to an account waits', () => {
  it('lets five failures of a pair through, then doubles its wait up to a quarter of an hour', () => {
    expect([0, 1, 4].map((n) => signInWait(pair(n)))).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8].map((n) => signInWait(pair(n)))).toEqual([1, 2, 4, 8]);
    expect(signInWait({ ...pair(40), ofAccount: 0, fromNetwork: 0 })).toBe(900);
  });

  it('counts the wait from the pair’s last failure', () => {
    expect(signInWait(pair(7, 2.5))).toBe(2);
    expect(signInWait(pair(7, 4))).toBe(0);
  });

  it('stops a network with thirty failures in fifteen minutes until the oldest is a quarter of an hour old', () => {
    expect(signInWait({ ...none, fromNetwork: 29 })).toBe(0);
    expect(signInWait({ ...none, fromNetwork: 30, networkOldestAgo: 60 })).toBe(840);
    expect(signInWait({ ...none, fromNetwork: 30, networkOldestAgo: 900 })).toBe(0);
  });

  it('slows every network that failed for an account many networks fail for, a minute at most', () => {
    const underAttack = { ofAccount: 10 };
    expect(signInWait({ ...pair(1), ...underAttack })).toBe(1);
    expect(signInWait({ ...pair(3), ...underAttack })).toBe(4);
    expect(signInWait({ ...pair(4), ofAccount: 40, fromNetwork: 4 })).toBe(8);
    expect(signInWait({ ...pair(5, 30), ofAccount: 400, fromNetwork: 5 })).toBe(0);
    // a network that has not failed for the account (its owner's office) does not wait
    expect(signInWait({ ...none, ofAccount: 400 })).toBe(0);
  });
});

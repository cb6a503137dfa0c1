/** How password sign-ins are throttled: per account and network, per network, per account. */
export const SIGN_IN_LIMITS = {
  /** Failures an account may have from one network before that pair waits. */
  pairFreeFailures: 5,
  /** The pair's wait after its fifth failure, in seconds, doubling with each further one… */
  pairFirstWaitSeconds: 1,
  /** …up to this. */
  pairMaxWaitSeconds: 15 * 60,
  /** A pair's failures are forgotten on a right password, or after this long. */
  pairMemoryHours: 24,
  /** The window the failures of a network, and of an account, are counted in. */
  windowMinutes: 15,
  /** Failures a network may have in the window across every account (password spraying): then it waits. */
  networkCeiling: 30,
  /**
   * Failures an account may have in the window across every network: then each network that failed for
   * it waits from its first failure, never longer than accountMaxWaitSeconds. A network that has not
   * failed for the account (its owner's office) never waits for it.
   */
  accountCeiling: 10,
  accountMaxWaitSeconds: 60,
};

export type SignInLimits = typeof SIGN_IN_LIMITS;

/** The failures a sign-in from a network to an account is weighed by; ages in seconds. */
export interface SignInFailures {
  /** this account's failures from this network, since its last right password */
  pair: number;
  pairLastAgo: number;
  /** this network's failures in the window, every account */
  fromNetwork: number;
  networkOldestAgo: number;
  /** this account's failures in the window, every network */
  ofAccount: number;
}

/** Seconds to wait before this sign-in may be tried; 0 when it may be now. */
export function signInWait(failures: SignInFailures, limits: SignInLimits = SIGN_IN_LIMITS): number {
  const { pair, pairLastAgo, fromNetwork, networkOldestAgo, ofAccount } = failures;
  const doubling = (afterFailures: number, max: number) =>
    pair >= afterFailures ? Math.min(limits.pairFirstWaitSeconds * 2 ** (pair - afterFailures), max) : 0;
  const pairWait = Math.max(
    doubling(limits.pairFreeFailures, limits.pairMaxWaitSeconds),
    ofAccount >= limits.accountCeiling ? doubling(1, limits.accountMaxWaitSeconds) : 0,
  );
  const networkWait = fromNetwork >= limits.networkCeiling ? limits.windowMinutes * 60 : 0;
  return Math.ceil(Math.max(0, pairWait - pairLastAgo, networkWait - networkOldestAgo));
}

import type { TimelineEvent } from './chain.ts';

/**
 * The corrections that made the data a signer saw (their hash, `signedHash`) into the request's data
 * now (`currentHash`): the `dataCorrected` events the hash-chained timeline holds after the
 * signature's position, each starting from the data the one before left (conversation/correction.ts).
 * Their positions, or undefined when they do not account for the change — the data were altered.
 */
export function correctionsSince(
  events: TimelineEvent[],
  position: number,
  signedHash: string,
  currentHash: string,
): number[] | undefined {
  let hash = signedHash;
  const positions: number[] = [];
  for (const event of events) {
    if (event.position <= position || event.kind !== 'dataCorrected') continue;
    if (event.payload.dataHashBefore !== hash) return undefined;
    hash = String(event.payload.dataHashAfter);
    positions.push(event.position);
  }
  return positions.length > 0 && hash === currentHash ? positions : undefined;
}

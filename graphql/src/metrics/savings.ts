// Estimated savings of requests moved from the counter and the post to the web.

/** The unit costs a municipality sets (euros per request) and its online share before Parvis. */
export interface CostSettings {
  counterCost: number;
  postCost: number;
  onlineCost: number;
  /** 0 to 1 */
  baselineOnlineShare: number;
}

export interface Savings {
  online: number;
  counter: number;
  post: number;
  /** requests of the period made online beyond the baseline share */
  moved: number;
  /** what a moved request would have cost: counter and post costs weighted by their share */
  offlineCost: number;
  onlineCost: number;
  /** euros, to the cent */
  amount: number;
}

/** Channels where the citizen files the request themselves, online. */
export const ONLINE_CHANNELS = ['web', 'open311'];

/**
 * Requests filed online beyond what the baseline share would have brought are taken as moved from
 * the counter or the post (in the proportion those two keep); each saves the difference between
 * its offline cost and the online cost.
 */
export function estimateSavings(byChannel: Map<string, number>, settings: CostSettings): Savings {
  const total = [...byChannel.values()].reduce((sum, n) => sum + n, 0);
  const online = ONLINE_CHANNELS.reduce((sum, c) => sum + (byChannel.get(c) ?? 0), 0);
  const counter = byChannel.get('counter') ?? 0;
  const post = byChannel.get('post') ?? 0;
  const moved = Math.max(0, Math.round(online - settings.baselineOnlineShare * total));
  const offlineCost =
    counter + post === 0
      ? settings.counterCost
      : (counter * settings.counterCost + post * settings.postCost) / (counter + post);
  const amount = Math.round(moved * Math.max(0, offlineCost - settings.onlineCost) * 100) / 100;
  return {
    online,
    counter,
    post,
    moved,
    offlineCost: Math.round(offlineCost * 100) / 100,
    onlineCost: settings.onlineCost,
    amount,
  };
}

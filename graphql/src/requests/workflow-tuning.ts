/**
 * Knobs of the request workflow for tests and demos, read from the environment; production leaves
 * them unset. PARVIS_CLOCK_SCALE makes alarms ring faster (1000000: two months in five seconds);
 * PARVIS_HISTORY_LIMIT makes requests continue as new sooner.
 */
export function workflowTuning(): { clockScale?: number; historyLimit?: number } {
  const clockScale = Number(process.env.PARVIS_CLOCK_SCALE);
  const historyLimit = Number(process.env.PARVIS_HISTORY_LIMIT);
  return {
    ...(clockScale > 0 ? { clockScale } : {}),
    ...(historyLimit > 0 ? { historyLimit } : {}),
  };
}

// Sandbox-safe: FEEL built-ins that Camunda 8 adds to the standard and feelin lacks.
// Deterministic ones only (no `random number`, no `uuid`).

/** Functions Camunda users call in their models, by their FEEL name. */
export const CAMUNDA_FUNCTIONS: Record<string, (...args: unknown[]) => unknown> = {
  // feelin gives a missing variable as null, so "defined" here means "not null".
  'is defined': (value) => value !== null && value !== undefined,
  'get or else': (value, fallback) => value ?? fallback ?? null,
  'is empty': (list) => (Array.isArray(list) ? list.length === 0 : null),
  'is blank': (text) => (typeof text === 'string' ? text.trim() === '' : null),
  'duplicate values': (list) =>
    Array.isArray(list) ? [...new Set(list.filter((item, index) => list.indexOf(item) !== index))] : null,
  partition: (list, size) => {
    if (!Array.isArray(list) || typeof size !== 'number' || size < 1) return null;
    const parts: unknown[][] = [];
    for (let i = 0; i < list.length; i += size) parts.push(list.slice(i, i + size));
    return parts;
  },
  extract: (text, pattern) =>
    typeof text === 'string' && typeof pattern === 'string' ? (text.match(new RegExp(pattern, 'g')) ?? []) : null,
};

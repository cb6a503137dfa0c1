// Sandbox-safe: FEEL built-ins that Camunda 8 adds to the standard and feelin lacks.
// Deterministic ones only (no `random number`, no `uuid`).

type FeelBuiltin = ((...args: never[]) => unknown) & { $args: string[] };

// feelin reads parameter names from a function's source unless `$args` names them; bundlers
// rewrite that source (`(value) =>` becomes `value=>`, which feelin cannot read), so name them.
function builtin<F extends (...args: never[]) => unknown>(params: string[], fn: F): F & FeelBuiltin {
  return Object.assign(fn, { $args: params });
}

/** Functions Camunda users call in their models, by their FEEL name. */
export const CAMUNDA_FUNCTIONS: Record<string, FeelBuiltin> = {
  // feelin gives a missing variable as null, so "defined" here means "not null".
  'is defined': builtin(['value'], (value: unknown) => value !== null && value !== undefined),
  'get or else': builtin(['value', 'default'], (value: unknown, fallback: unknown) => value ?? fallback ?? null),
  'is empty': builtin(['list'], (list: unknown) => (Array.isArray(list) ? list.length === 0 : null)),
  'is blank': builtin(['string'], (text: unknown) => (typeof text === 'string' ? text.trim() === '' : null)),
  'duplicate values': builtin(['list'], (list: unknown) =>
    Array.isArray(list) ? [...new Set(list.filter((item, index) => list.indexOf(item) !== index))] : null,
  ),
  partition: builtin(['list', 'size'], (list: unknown, size: unknown) => {
    if (!Array.isArray(list) || typeof size !== 'number' || size < 1) return null;
    const parts: unknown[][] = [];
    for (let i = 0; i < list.length; i += size) parts.push(list.slice(i, i + size));
    return parts;
  }),
  extract: builtin(['string', 'pattern'], (text: unknown, pattern: unknown) =>
    typeof text === 'string' && typeof pattern === 'string' ? (text.match(new RegExp(pattern, 'g')) ?? []) : null,
  ),
};

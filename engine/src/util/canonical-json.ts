// Sandbox-safe.

/** Thrown by `rfc8785` when a value is not I-JSON (RFC 7493) and so has no canonical form. */
export class CanonicalJsonError extends Error {
  readonly code = 'NOT_CANONICAL_JSON';
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(
      `Valeur impossible à signer en ${path} : ${problem}. / Value at ${path} cannot be canonicalised: ${problem}.`,
    );
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Canonical JSON (RFC 8785 for the values Parvis stores: objects with keys sorted by UTF-16 code
 * units, no spaces, ECMAScript number and string forms), so a hash does not depend on key order.
 * Lenient like JSON.stringify: undefined members are left out, non-finite numbers become null.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$', false);
}

/**
 * Strict RFC 8785 (JSON Canonicalization Scheme), for what is signed: refuses instead of guessing
 * on what I-JSON forbids — non-finite numbers, lone surrogates, undefined, non-plain objects.
 */
export function rfc8785(value: unknown): string {
  return write(value, '$', true);
}

function write(value: unknown, path: string, strict: boolean): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) {
        if (strict) throw new CanonicalJsonError(path, `${value} is not a JSON number`);
        return 'null';
      }
      // ECMAScript Number.prototype.toString is the RFC 8785 form; -0 is written 0.
      return JSON.stringify(value);
    case 'string':
      if (strict && LONE_SURROGATE.test(value)) throw new CanonicalJsonError(path, 'lone UTF-16 surrogate');
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      if (strict) throw new CanonicalJsonError(path, `${typeof value} is not JSON`);
      return 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map((item, index) => (item === undefined && !strict ? 'null' : write(item, `${path}[${index}]`, strict))).join(',')}]`;
  }
  const prototype = Object.getPrototypeOf(value);
  if (strict && prototype !== Object.prototype && prototype !== null)
    throw new CanonicalJsonError(path, `${prototype?.constructor?.name ?? 'object'} is not a plain JSON object`);
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    // `<` on strings compares UTF-16 code units, the order RFC 8785 §3.2.3 asks for.
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries
    .map(([k, v]) => {
      if (strict && LONE_SURROGATE.test(k))
        throw new CanonicalJsonError(path, `key ${JSON.stringify(k)} has a lone surrogate`);
      return `${JSON.stringify(k)}:${write(v, `${path}.${k}`, strict)}`;
    })
    .join(',')}}`;
}

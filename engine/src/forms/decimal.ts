// Sandbox-safe: exact decimal arithmetic for number fields (form-js uses big.js: 0.3 is a multiple of 0.1).

interface Scaled {
  units: bigint;
  scale: number;
}

/** Plain decimal text of a finite number or numeric string: `1e-7` → `0.0000001`, `1.50` → `1.5`. */
export function plainDecimal(value: number | string): string {
  const text = String(value).trim();
  const plain = /e/i.test(text) ? Number(text).toFixed(20) : text;
  return plain.includes('.') ? plain.replace(/0+$/, '').replace(/\.$/, '') : plain;
}

export function decimalDigits(value: number | string): number {
  return plainDecimal(value).split('.')[1]?.length ?? 0;
}

function scaled(value: number | string, scale: number): bigint {
  const [whole = '0', fraction = ''] = plainDecimal(value).replace('-', '').split('.');
  const units = BigInt(whole + fraction.padEnd(scale, '0'));
  return plainDecimal(value).startsWith('-') ? -units : units;
}

function format({ units, scale }: Scaled): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return plainDecimal((negative ? '-' : '') + text);
}

/** The two valid values around `value` when it is not a multiple of `increment`; null when it is. */
export function nearestSteps(value: number | string, increment: number | string): [string, string] | null {
  const scale = Math.max(decimalDigits(value), decimalDigits(increment));
  const units = scaled(value, scale);
  const step = scaled(increment, scale);
  if (step === 0n) return null;
  const offset = units % step;
  if (offset === 0n) return null;
  const below = units - offset;
  return [format({ units: below, scale }), format({ units: below + step, scale })];
}

/** Exact units and scale of a plain decimal (`-12.50` → -1250n, 2), or undefined past what text can say. */
function exactDecimal(value: number | string): Scaled | undefined {
  const text = plainDecimal(value);
  if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined;
  const scale = decimalDigits(text);
  return { units: scaled(text, scale), scale };
}

/**
 * Compares two numbers given as numbers or numeric text, exactly (as form-js does with big.js):
 * `0.30000000000000001` is more than `0.3`. Negative, zero or positive, as `a` is below, equal to or
 * above `b`.
 */
export function compareDecimal(a: number | string, b: number | string): number {
  const x = exactDecimal(a);
  const y = exactDecimal(b);
  if (!x || !y) return Math.sign(Number(a) - Number(b));
  const scale = Math.max(x.scale, y.scale);
  const left = x.units * 10n ** BigInt(scale - x.scale);
  const right = y.units * 10n ** BigInt(scale - y.scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

// Sandbox-safe: the shape of tracking codes. Randomness comes from the caller.

// Crockford-style alphabet: no I, L, O, U, 0 or 1, so a code read over the phone is unambiguous.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A tracking code like `7KQM-2XHP-9RTA`: 12 symbols (about 59 bits) drawn by `randomIndex`. */
export function trackingCode(randomIndex: (size: number) => number): string {
  const symbols = Array.from({ length: 12 }, () => ALPHABET[randomIndex(ALPHABET.length)]).join('');
  return `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8)}`;
}

/** Accepts what a person types: lower case, spaces, missing dashes. */
export function normaliseTrackingCode(input: string): string {
  const symbols = input.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return symbols.length === 12
    ? `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8)}`
    : input.trim().toUpperCase();
}

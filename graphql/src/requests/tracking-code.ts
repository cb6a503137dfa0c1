import { randomInt } from 'node:crypto';

// Crockford-style alphabet: no I, L, O, U, 0 or 1, so a code read over the phone is unambiguous.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A tracking code like `7KQM-2XHP-9RTA`: 12 random symbols, about 59 bits, not guessable. */
export function newTrackingCode(): string {
  const symbols = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8)}`;
}

/** Accepts what a person types: lower case, spaces, missing dashes. */
export function normaliseTrackingCode(input: string): string {
  const symbols = input.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return symbols.length === 12
    ? `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8)}`
    : input.trim().toUpperCase();
}

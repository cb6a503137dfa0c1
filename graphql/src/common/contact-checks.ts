// What the API accepts as a contact a person typed: one definition for every form that takes one.

/** An e-mail address as forms check it: something, an @, a domain with a dot. */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A phone number as typed: digits, spaces, dots, dashes, parentheses and a leading +. */
export const PHONE = /^\+?[\d\s.()-]{6,30}$/;

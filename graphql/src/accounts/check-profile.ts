import { isValidPhoneNumber } from 'libphonenumber-js/max';
import type { ProfileChanges } from './repository.ts';

/** A problem with one field of a profile, in the shape forms use (`FORM_INVALID` fields). */
export interface ProfileProblem {
  field: string;
  code: string;
  message: { fr: string; en: string };
}

export interface AddressChange {
  label?: string | null;
  street: string;
  postalCode: string;
  city: string;
}

const NAME_MAX = 100;
const FRENCH_POSTAL_CODE = /^\d{5}$/;

/**
 * What is wrong with a profile change, field by field (`phone`, `addresses[0].postalCode`…), and
 * the change cleaned (trimmed, empty texts as null). A phone is French unless it starts with +.
 */
export function checkProfile(changes: Omit<ProfileChanges, 'addresses'> & { addresses?: AddressChange[] }): {
  problems: ProfileProblem[];
  clean: ProfileChanges;
} {
  const problems: ProfileProblem[] = [];
  const problem = (field: string, code: string, fr: string, en: string) =>
    problems.push({ field, code, message: { fr, en } });
  const text = (value: string | null | undefined) => (value == null ? value : value.trim() || null);
  const clean: ProfileChanges = { ...changes };

  for (const field of ['firstName', 'lastName'] as const) {
    clean[field] = text(changes[field]);
    if ((clean[field]?.length ?? 0) > NAME_MAX) {
      problem(field, 'maxLength', `${NAME_MAX} caractères au plus.`, `At most ${NAME_MAX} characters.`);
    }
  }

  clean.phone = text(changes.phone);
  if (clean.phone && !isValidPhoneNumber(clean.phone, 'FR')) {
    problem(
      'phone',
      'phone',
      'Ce numéro de téléphone n’est pas valide (exemple : 06 12 34 56 78, ou +32 … depuis l’étranger).',
      'This phone number is not valid (e.g. 06 12 34 56 78, or +44 … from abroad).',
    );
  }
  if (changes.notificationPreferences?.sms && !clean.phone) {
    problem(
      'phone',
      'required',
      'Indiquez un numéro de téléphone pour recevoir des SMS.',
      'Give a phone number to receive text messages.',
    );
  }

  if (changes.addresses) {
    clean.addresses = changes.addresses.map((address, index) => {
      const at = `addresses[${index}]`;
      const street = text(address.street) ?? '';
      const postalCode = text(address.postalCode)?.replace(/\s/g, '') ?? '';
      const city = text(address.city) ?? '';
      if (!street) problem(`${at}.street`, 'required', 'Indiquez le numéro et la rue.', 'Give the number and street.');
      if (!FRENCH_POSTAL_CODE.test(postalCode)) {
        problem(
          `${at}.postalCode`,
          'pattern',
          'Le code postal compte 5 chiffres (exemple : 67000).',
          'The postal code has 5 digits (e.g. 67000).',
        );
      }
      if (!city) problem(`${at}.city`, 'required', 'Indiquez la commune.', 'Give the town.');
      return { label: text(address.label) ?? null, street, postalCode, city };
    });
  }
  return { problems, clean };
}

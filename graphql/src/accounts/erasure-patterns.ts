// What an erasure looks for in free text and JSON: a person's e-mail addresses, phone numbers (in
// any of the ways French numbers are written) and names, as PostgreSQL regular expressions.

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** 06 12 34 56 78, 0612345678, +33 6 12 34 56 78, +33612345678, 06.12.34.56.78… */
export function phonePattern(phone: string): string | undefined {
  const digits = phone.replace(/\D/g, '').replace(/^(0033|33)/, '0');
  const national = digits.replace(/^0/, '');
  if (national.length < 6) return undefined;
  return `(\\+33|0033|0)[\\s.-]?${[...national].join('[\\s.-]?')}`;
}

export interface ErasurePatterns {
  /** e-mail addresses and phone numbers: theirs wherever they appear; '' when none */
  contacts: string;
  /** names: theirs only on their own records (another person may share them); '' when none */
  names: string;
}

export function erasurePatterns(person: {
  emails: (string | null | undefined)[];
  phones: (string | null | undefined)[];
  names: (string | null | undefined)[];
}): ErasurePatterns {
  const present = (values: (string | null | undefined)[]) => [
    ...new Set(values.map((value) => value?.trim()).filter((value): value is string => !!value)),
  ];
  const contacts = [
    ...present(person.emails).map((email) => literal(email)),
    ...present(person.phones).flatMap((phone) => phonePattern(phone) ?? []),
  ];
  // Short names ("Li") would match inside other words.
  const names = present(person.names)
    .filter((name) => name.length >= 3)
    .map(literal);
  return { contacts: contacts.join('|'), names: names.join('|') };
}

import type { CitizenRow } from '../citizens/repository.ts';

function fullName(c: CitizenRow): string {
  return [c.first_name, c.last_name].filter(Boolean).join(' ');
}

// Form keys (lower case, without separators) a profile fills, and from what.
const SOURCES: Record<string, (c: CitizenRow) => string | null | undefined> = {
  email: (c) => c.email,
  courriel: (c) => c.email,
  firstname: (c) => c.first_name,
  prenom: (c) => c.first_name,
  prenoms: (c) => c.first_name,
  lastname: (c) => c.last_name,
  nom: (c) => c.last_name,
  name: fullName,
  fullname: fullName,
  nomcomplet: fullName,
  nomdemandeur: fullName,
  nomparent: fullName,
  phone: (c) => c.phone,
  telephone: (c) => c.phone,
  address: (c) => c.addresses[0]?.street,
  adresse: (c) => c.addresses[0]?.street,
  street: (c) => c.addresses[0]?.street,
  postalcode: (c) => c.addresses[0]?.postalCode,
  codepostal: (c) => c.addresses[0]?.postalCode,
  city: (c) => c.addresses[0]?.city,
  ville: (c) => c.addresses[0]?.city,
  commune: (c) => c.addresses[0]?.city,
};

const normalise = (key: string) =>
  key
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z]/gi, '')
    .toLowerCase();

/** Initial data of a form from a citizen's profile: each field the profile knows, by its key. */
export function prefillFrom(citizen: CitizenRow, fieldKeys: string[]): Record<string, string> {
  const data: Record<string, string> = {};
  for (const key of fieldKeys) {
    const value = SOURCES[normalise(key.split('.').pop() ?? key)]?.(citizen);
    if (value) data[key] = value;
  }
  return data;
}

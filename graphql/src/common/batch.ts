/** Groups DataLoader keys `municipality\u0000rest` by municipality, so each group runs in its own sealed transaction. */
export function byMunicipality(keys: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const key of keys) {
    const [municipalityId, rest] = splitKey(key);
    groups.set(municipalityId, [...(groups.get(municipalityId) ?? []), rest]);
  }
  return groups;
}

/** A loader key for one row of one municipality. */
export const loaderKey = (municipalityId: string, rest: string) => `${municipalityId}\u0000${rest}`;

export function splitKey(key: string): [string, string] {
  const at = key.indexOf('\u0000');
  return [key.slice(0, at), key.slice(at + 1)];
}

// Sandbox-safe: who a procedure is for, as analysts declare it and the citizens' catalogue filters it.

/** The audiences of the catalogue: households (particuliers), businesses (entreprises), associations. */
export const AUDIENCES = ['households', 'businesses', 'associations'] as const;

export type Audience = (typeof AUDIENCES)[number];

/**
 * The audiences given, checked: a list of known audiences, each once. Throws an error that names
 * where the list came from (`where`) and the value that is wrong.
 */
export function readAudiences(value: unknown, where: string): Audience[] {
  if (!Array.isArray(value))
    throw new Error(`${where}: audience must be a list of ${AUDIENCES.join(', ')}, not ${JSON.stringify(value)}`);
  for (const item of value) {
    if (!(AUDIENCES as readonly unknown[]).includes(item))
      throw new Error(`${where}: unknown audience ${JSON.stringify(item)}; use ${AUDIENCES.join(', ')}`);
  }
  return [...new Set(value as Audience[])];
}

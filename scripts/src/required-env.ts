/** Reads variables a standalone process cannot run without, naming every missing one at once. */
export function requiredEnv<const K extends string>(...names: K[]): Record<K, string> {
  const missing = names.filter((name) => !process.env[name]);
  if (missing.length > 0) {
    const error = new Error(
      `set ${missing.join(', ')} (this process runs against shared services; \`npm start\` runs everything on one machine).`,
    );
    Object.assign(error, { code: 'CONFIGURATION' });
    throw error;
  }
  return Object.fromEntries(names.map((name) => [name, process.env[name]!])) as Record<K, string>;
}

// Node only: what the `parvis town` and `parvis platform-admin` commands share — the database
// (DATABASE_URL, the owner's connection), and how a bad use is told.

import postgres, { type Sql } from 'postgres';

/** Exit codes: 0 done, 1 refused (bad input, taken), 2 bad usage or no database. */
export const EXIT = { done: 0, refused: 1, usage: 2 } as const;

/** Runs `work` on DATABASE_URL, or says it is missing (exit 2). */
export async function withDatabase(work: (sql: Sql) => Promise<number>): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write(
      'DATABASE_URL manque : donnez la base de Parvis (postgres://…). / DATABASE_URL is missing: name the Parvis database.\n',
    );
    return EXIT.usage;
  }
  const sql = postgres(url, { onnotice: () => {}, max: 1 });
  try {
    return await work(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Prints what is wrong and the usage on stderr; exit 2. */
export function badUsage(problem: string, usage: string): number {
  process.stderr.write(`${problem}\nusage: ${usage}\n`);
  return EXIT.usage;
}

/** The portal's public address (as the API reads it). */
export const publicUrl = (): string => process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;

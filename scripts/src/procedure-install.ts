// Node only: `parvis procedure install|upgrade <key> --town <slug>` — a shipped procedure into a town.

import { parseArgs } from 'node:util';
import { ProcedureInvalidError } from '@parvis/graphql';
import { installForTown, syncLibrary } from '@parvis/graphql/library';
import { loadShippedProcedures } from '@parvis/processes';
import postgres, { type Sql } from 'postgres';

export const PROCEDURE_USAGE = `parvis procedure install <key> --town <slug>   installs a shipped procedure (processes/<key>) into a town
  parvis procedure upgrade <key> --town <slug>   a new town version from the library's newer one, adaptations kept where possible
  parvis procedure list                          the library's procedures and versions          (all read DATABASE_URL)`;

/** Records what processes/ ships in the library (a new library version only for changed files). */
export async function recordLibrary(sql: Sql) {
  return syncLibrary(sql, await loadShippedProcedures());
}

/** The command's exit code: 0 done, 1 refused (unknown procedure, already installed, invalid model), 2 bad usage or no database. */
export async function procedure(args: string[]): Promise<number> {
  let parsed: { values: { town?: string; help?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      options: { town: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nusage: ${PROCEDURE_USAGE}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`usage: ${PROCEDURE_USAGE}\n`);
    return 0;
  }
  const [action, key] = parsed.positionals;
  const town = parsed.values.town?.trim();
  const installs = action === 'install' || action === 'upgrade';
  if (!(action === 'list' && !key) && !(installs && key && town && parsed.positionals.length === 2)) {
    process.stderr.write(`usage: ${PROCEDURE_USAGE}\n`);
    return 2;
  }
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write(
      'DATABASE_URL manque : donnez la base de Parvis (postgres://…). / DATABASE_URL is missing: name the Parvis database.\n',
    );
    return 2;
  }
  const sql = postgres(url, { onnotice: () => {}, max: 2 });
  try {
    const library = await recordLibrary(sql);
    if (action === 'list') {
      for (const entry of library) process.stdout.write(`${entry.key}\tversion ${entry.version}\n`);
      return 0;
    }
    const [found] = await sql<{ id: string }[]>`select id from municipalities where id = ${town!}`;
    if (!found) {
      process.stderr.write(`Commune inconnue : ${town}. / Unknown town: ${town}.\n`);
      return 1;
    }
    const done = await installForTown(sql, town!, key!, action as 'install' | 'upgrade');
    process.stdout.write(
      `${key} : version ${done.libraryVersion} de la bibliothèque installée, version ${done.townVersion} de ${town} (non publiée au catalogue : adaptez-la puis publiez-la). / library version ${done.libraryVersion} installed as ${town}'s version ${done.townVersion}.\n`,
    );
    for (const a of done.adaptations)
      process.stdout.write(`  ${a.kept ? 'gardé / kept' : 'remplacé / replaced'}: ${a.part}\n`);
    return 0;
  } catch (error) {
    // The API's refusals carry their words (French / English); anything else is not ours to hide.
    const refusal = error as { extensions?: { code?: string }; message?: string };
    if (refusal.extensions?.code || error instanceof ProcedureInvalidError) {
      process.stderr.write(`${refusal.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

import { createHash } from 'node:crypto';
import { canonicalJson, type Json } from '@parvis/engine';
import type { Sql } from 'postgres';
import type { ProcedureSource } from '../procedures/deploy.ts';

/** sha-256 of what a library version ships: same files, same hash, same version. */
export function contentHash(source: ProcedureSource): string {
  const content = {
    bpmn: source.bpmn,
    forms: source.forms,
    texts: (source.texts ?? {}) as Json,
    title: source.title,
    audience: source.audience ?? [],
  };
  return createHash('sha256')
    .update(canonicalJson(content as Json))
    .digest('hex');
}

/** The groups a model's user tasks go to, as written (an expression, starting with =, names none). */
export function groupsNamed(bpmn: string): string[] {
  const groups = new Set<string>();
  for (const [, value] of bpmn.matchAll(/candidateGroups="([^"]*)"/g)) {
    if (value!.trim().startsWith('=')) continue;
    for (const group of value!.split(',')) if (group.trim()) groups.add(group.trim());
  }
  return [...groups].sort();
}

/**
 * Records the shipped procedures in the library (owner's connection, at start): a procedure whose
 * files changed since its latest library version gets the next version; the others stay as they are.
 * Several processes starting at once take the same numbers: the first one's row stands.
 */
export async function syncLibrary(
  sql: Sql,
  procedures: ProcedureSource[],
): Promise<{ key: string; version: number; created: boolean }[]> {
  const outcome: { key: string; version: number; created: boolean }[] = [];
  // Every API start and seed runs this: one read for all the library's latest versions.
  const latestOf = new Map(
    (
      await sql<{ key: string; version: number; content_hash: string }[]>`
        select distinct on (key) key, version, content_hash from library_procedures order by key, version desc`
    ).map((row) => [row.key, row]),
  );
  for (const source of procedures) {
    const hash = contentHash(source);
    const latest = latestOf.get(source.key);
    if (latest?.content_hash === hash) {
      outcome.push({ key: source.key, version: latest.version, created: false });
      continue;
    }
    const version = (latest?.version ?? 0) + 1;
    const inserted = await sql`insert into library_procedures
        (key, version, content_hash, title_fr, title_en, audience, bpmn, forms, texts, groups)
      values (${source.key}, ${version}, ${hash}, ${source.title.fr}, ${source.title.en}, ${source.audience ?? []}::text[],
        ${source.bpmn}, ${sql.json(source.forms as never)}, ${sql.json((source.texts ?? {}) as never)}, ${groupsNamed(source.bpmn)})
      on conflict (key, version) do nothing returning version`;
    outcome.push({ key: source.key, version, created: inserted.length > 0 });
  }
  return outcome;
}

import { createHash } from 'node:crypto';
import { canonicalJson } from '@parvis/engine';
import type { Sql } from 'postgres';

/** The hash before a request's first timeline event. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedContent {
  requestId: string;
  position: number;
  kind: string;
  payload: unknown;
  occurredAt: string;
}

/** sha256(previous hash + canonical content): changing any event breaks every hash after it. */
export function chainHash(prevHash: string, content: ChainedContent): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(content)).digest('hex');
}

export type ChainVerdict =
  | { ok: true; events: number }
  | { ok: false; events: number; position: number; problem: string };

/** Recomputes a request's chain from PostgreSQL and names the first event that does not hold. */
export async function verifyTimeline(sql: Sql, requestId: string): Promise<ChainVerdict> {
  const rows = await sql<
    {
      position: number;
      kind: string;
      payload: unknown;
      occurred_at: Date;
      prev_hash: string;
      hash: string;
      erased: boolean;
    }[]
  >`
    select position, kind, payload, occurred_at, prev_hash, hash,
      -- An event an erasure rewrote (migration 195) no longer matches its hash: that is the erasure
      -- only when a citizen of its town was erased at that very instant (the same transaction), or
      -- the retention sweep when its request was anonymised at that instant (migration 200).
      t.redacted_at is not null and (exists (select 1 from citizens c
        where c.municipality_id = t.municipality_id and c.erased_at = t.redacted_at)
        or exists (select 1 from requests r where r.id = t.request_id and r.anonymised_at = t.redacted_at)) as erased
    from timeline_events t where request_id = ${requestId} order by position`;
  let prev = GENESIS_HASH;
  for (const [index, row] of rows.entries()) {
    if (row.position !== index + 1)
      return { ok: false, events: rows.length, position: index + 1, problem: 'event missing' };
    if (row.prev_hash !== prev)
      return { ok: false, events: rows.length, position: row.position, problem: 'previous hash does not match' };
    const expected = chainHash(prev, {
      requestId,
      position: row.position,
      kind: row.kind,
      payload: row.payload,
      occurredAt: row.occurred_at.toISOString(),
    });
    if (expected !== row.hash && !row.erased)
      return { ok: false, events: rows.length, position: row.position, problem: 'content altered' };
    prev = row.hash;
  }
  return { ok: true, events: rows.length };
}

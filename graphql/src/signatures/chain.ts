import { createHash } from 'node:crypto';
import { canonicalJson } from '@parvis/engine';
import type { TransactionSql as Sql } from 'postgres';

// The same chain the workers write (workers/src/timeline/hash-chain.ts):
// hash = sha256(previous hash + canonical JSON of { requestId, position, kind, payload, occurredAt }).
const GENESIS_HASH = '0'.repeat(64);

export interface TimelineEvent {
  position: number;
  kind: string;
  payload: Record<string, unknown>;
  occurred_at: Date;
  prev_hash: string;
  hash: string;
  /** rewritten by an erasure (its content no longer matches its hash, by law, not by tampering) */
  erased: boolean;
}

/** One link of the chain that does not hold, with what is wrong in words. */
export interface ChainProblem {
  position: number;
  kind: string | null;
  problem: string;
}

export interface ChainReport {
  valid: boolean;
  events: number;
  problems: ChainProblem[];
}

export function timelineEvents(sql: Sql, requestId: string) {
  // An event an erasure rewrote (migration 195) is the erasure's only when a citizen of its town was
  // erased at that very instant (the same transaction); any other rewrite is tampering.
  return sql<TimelineEvent[]>`select position, kind, payload, occurred_at, prev_hash, hash,
      t.redacted_at is not null and exists (select 1 from citizens c
        where c.municipality_id = t.municipality_id and c.erased_at = t.redacted_at) as erased
    from timeline_events t where request_id = ${requestId} order by position`;
}

/**
 * Checks every link on its own: an event whose content was altered, removed or inserted is named,
 * and the events after it are not blamed for it.
 */
export function checkChain(requestId: string, events: TimelineEvent[]): ChainReport {
  const problems: ChainProblem[] = [];
  let expectedPosition = 1;
  let previous = GENESIS_HASH;
  for (const event of events) {
    if (event.position !== expectedPosition)
      problems.push({
        position: expectedPosition,
        kind: null,
        problem: `événement(s) ${expectedPosition}${event.position - 1 > expectedPosition ? `–${event.position - 1}` : ''} manquant(s) / event(s) missing`,
      });
    if (event.prev_hash !== previous)
      problems.push({
        position: event.position,
        kind: event.kind,
        problem:
          "le lien vers l'événement précédent est rompu (hash précédent différent) / link to the previous event broken",
      });
    const recomputed = createHash('sha256')
      .update(event.prev_hash)
      .update(
        canonicalJson({
          requestId,
          position: event.position,
          kind: event.kind,
          payload: event.payload,
          occurredAt: event.occurred_at.toISOString(),
        }),
      )
      .digest('hex');
    if (recomputed !== event.hash && !event.erased)
      problems.push({
        position: event.position,
        kind: event.kind,
        problem:
          "contenu modifié : l'empreinte de l'événement ne correspond plus / content altered: its hash no longer matches",
      });
    previous = event.hash;
    expectedPosition = event.position + 1;
  }
  return { valid: problems.length === 0, events: events.length, problems };
}

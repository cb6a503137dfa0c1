import type { Db } from '../common/database.ts';

/** Who signed the decision a document issues: the agent's name, and for whom under a delegation. */
export interface DecisionSigner {
  name: string;
  onBehalfOf?: string;
}

/**
 * The signer of the latest decision signed on the request before the document was issued (the
 * `signed` timeline event the workflow wrote); undefined when none was signed (a letter, a document
 * issued without a signature step).
 */
export async function decisionSigner(
  db: Db,
  trackingCode: string,
  issuedAt: Date,
): Promise<DecisionSigner | undefined> {
  const [row] = await db<{ signer: { name: string }; on_behalf_of: { name: string } | null }[]>`
    select e.payload -> 'signer' as signer, e.payload -> 'onBehalfOf' as on_behalf_of
    from timeline_events e join requests r on r.id = e.request_id
    where r.tracking_code = ${trackingCode} and e.kind = 'signed' and e.occurred_at <= ${issuedAt}
    order by e.position desc limit 1`;
  if (!row?.signer?.name) return undefined;
  return { name: row.signer.name, ...(row.on_behalf_of?.name ? { onBehalfOf: row.on_behalf_of.name } : {}) };
}

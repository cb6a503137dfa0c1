import type { SignedInAgent } from '../common/context.ts';
import type { Cursor } from '../common/cursor.ts';
import type { Db } from '../common/database.ts';
import { requestShownTo } from './access.ts';
import { type RequestRow, requestRepository } from './repository.ts';

export interface RequestFilter {
  status?: string | null;
  channel?: string | null;
  procedure?: string | null;
  submittedFrom?: Date;
  submittedTo?: Date;
  /** words to find in the form data, French stemming */
  search?: string | null;
}

export type SortOrder = 'newestFirst' | 'oldestFirst';

/** One page of the requests the agent may see (access.ts), filtered and sorted, after a cursor (keyset pagination). */
export function listRequests(
  db: Db,
  agent: SignedInAgent,
  filter: RequestFilter,
  order: SortOrder,
  size: number,
  after?: Cursor,
) {
  const conditions = [
    requestShownTo(db, agent),
    filter.status ? db`r.status = ${filter.status}` : null,
    filter.channel ? db`r.channel = ${filter.channel}` : null,
    filter.procedure ? db`v.procedure_key = ${filter.procedure}` : null,
    filter.submittedFrom ? db`r.submitted_at >= ${filter.submittedFrom}` : null,
    filter.submittedTo ? db`r.submitted_at < ${filter.submittedTo}` : null,
    filter.search?.trim() ? db`r.search @@ websearch_to_tsquery('french', ${filter.search})` : null,
    after
      ? order === 'newestFirst'
        ? db`(r.submitted_at, r.id) < (${after.at}, ${after.id}::uuid)`
        : db`(r.submitted_at, r.id) > (${after.at}, ${after.id}::uuid)`
      : null,
  ].filter((c) => c !== null);
  const where = conditions.reduce((all, one) => db`${all} and ${one}`, db`true`);
  const sort = order === 'newestFirst' ? db`r.submitted_at desc, r.id desc` : db`r.submitted_at asc, r.id asc`;
  return requestRepository(db).page(where, sort, size + 1) as Promise<RequestRow[]>;
}

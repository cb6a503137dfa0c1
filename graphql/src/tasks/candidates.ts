import type { Fragment } from 'postgres';
import type { Db } from '../common/database.ts';

// The rule (an agent named by id or by e-mail, in any case) is the engine's, shared with the
// workflow's update validator; here it is also written in SQL for the task queries.
export { type NamedAgent, namesAgent, namesOf } from '@parvis/engine';

/** The same test in SQL, on a task's candidate_users column, for any of `names` (from namesOf, or a SQL array of them). */
export function namedIn(db: Db, column: 'candidate_users' | 't.candidate_users', names: string[] | Fragment) {
  return db`exists (select from unnest(${db(column)}) candidate where lower(candidate) = any(${names}::text[]))`;
}

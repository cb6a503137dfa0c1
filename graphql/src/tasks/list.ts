import type { SignedInAgent } from '../common/context.ts';
import type { Cursor } from '../common/cursor.ts';
import type { Db } from '../common/database.ts';
import { taskShownTo } from '../requests/access.ts';
import type { SortOrder } from '../requests/list.ts';
import { taskRepository } from './repository.ts';

export interface TaskFilter {
  status?: string | null;
  channel?: string | null;
  group?: string | null;
  /** only the tasks assigned to the agent */
  mine?: boolean | null;
}

/** One page of the tasks the agent may see (requests/access.ts), after a cursor. */
export function listTasks(
  db: Db,
  agent: SignedInAgent,
  filter: TaskFilter,
  order: SortOrder,
  size: number,
  after?: Cursor,
) {
  const conditions = [
    taskShownTo(db, agent),
    filter.status ? db`t.status = ${filter.status}` : null,
    filter.channel ? db`r.channel = ${filter.channel}` : null,
    filter.group ? db`${filter.group} = any(t.candidate_groups)` : null,
    filter.mine ? db`t.assignee = ${agent.id}` : null,
    after
      ? order === 'newestFirst'
        ? db`(t.opened_at, t.id) < (${after.at}, ${after.id}::uuid)`
        : db`(t.opened_at, t.id) > (${after.at}, ${after.id}::uuid)`
      : null,
  ].filter((c) => c !== null);
  const where = conditions.reduce((all, one) => db`${all} and ${one}`, db`true`);
  const sort = order === 'newestFirst' ? db`t.opened_at desc, t.id desc` : db`t.opened_at asc, t.id asc`;
  return taskRepository(db).page(where, sort, size + 1);
}

import type { SignedInAgent } from '../common/context.ts';
import type { Cursor } from '../common/cursor.ts';
import type { Db } from '../common/database.ts';
import type { SortOrder } from '../requests/list.ts';
import { taskRepository } from './repository.ts';

export interface TaskFilter {
  status?: string | null;
  channel?: string | null;
  group?: string | null;
  /** only the tasks assigned to the agent */
  mine?: boolean | null;
}

/**
 * One page of tasks after a cursor: an agent sees their groups' tasks and their own; managers and
 * administrators see the whole municipality's.
 */
export function listTasks(
  db: Db,
  agent: SignedInAgent,
  filter: TaskFilter,
  order: SortOrder,
  size: number,
  after?: Cursor,
) {
  const seesAll = agent.roles.includes('manager') || agent.roles.includes('administrator');
  const conditions = [
    seesAll ? null : db`(t.assignee = ${agent.id} or t.candidate_groups && ${agent.groups})`,
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

import type { SignedInAgent } from '../common/context.ts';
import type { Db } from '../common/database.ts';
import { namedIn, namesOf } from '../tasks/candidates.ts';
import type { Change } from './changes.ts';

/** Managers and administrators see the municipality's tasks in their inbox, others those of their groups and their own. */
export const seesAllTasks = (agent: SignedInAgent) =>
  agent.roles.includes('manager') || agent.roles.includes('administrator');

/** Whether a change may concern the agent's inbox, from its ids alone. */
export function mayConcernInbox(agent: SignedInAgent, change: Change): boolean {
  if (!change.requestId) return true;
  if (!change.taskId) return false;
  return (
    seesAllTasks(agent) ||
    change.assignees.includes(agent.id) ||
    change.candidates ||
    change.groups.some((group) => agent.groups.includes(group))
  );
}

/**
 * The tasks among `changes` that belong to the agent's inbox, read under row-level security: of
 * their groups, assigned to them now or before, or offered to them by name.
 */
export async function inboxTasksAmong(db: Db, agent: SignedInAgent, changes: Change[]): Promise<string[]> {
  const ids = [...new Set(changes.flatMap((c) => (c.taskId ? [c.taskId] : [])))];
  const theirsBefore = changes.flatMap((c) => (c.taskId && c.assignees.includes(agent.id) ? [c.taskId] : []));
  if (ids.length === 0) return [];
  const rows = await db<{ id: string }[]>`select id from tasks
    where id = any(${ids}::uuid[])
      and (${seesAllTasks(agent)} or candidate_groups && ${agent.groups}::text[] or assignee = ${agent.id}
        or ${namedIn(db, 'candidate_users', namesOf(agent))} or id = any(${theirsBefore}::uuid[]))`;
  return rows.map((r) => r.id);
}

/** How many of the requests among `changes` the transaction's municipality holds. */
export async function requestsAmong(db: Db, changes: Change[]): Promise<number> {
  const ids = [...new Set(changes.flatMap((c) => (c.requestId ? [c.requestId] : [])))];
  if (ids.length === 0) return 0;
  const [row] = await db<
    { count: number }[]
  >`select count(*)::int as count from requests where id = any(${ids}::uuid[])`;
  return row?.count ?? 0;
}

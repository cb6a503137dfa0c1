import type { Fragment } from 'postgres';
import type { Db } from '../common/database.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TaskRow {
  id: string;
  municipality_id: string;
  request_id: string;
  tracking_code: string;
  workflow_id: string;
  channel: string;
  task_key: string;
  element_id: string;
  name: string | null;
  candidate_groups: string[];
  status: string;
  form_id: string | null;
  opened_at: Date;
  closed_at: Date | null;
  completed_by: string | null;
  assignee: string | null;
}

/** Whether the task's assignee (column `assignee`) is an agent away right now. */
export const assigneeAway = (db: Db) => db`exists (select 1 from absences ab
  where ab.agent_id::text = assignee and now() >= ab.starts_at and now() < ab.ends_at)`;

/** Tasks of the transaction's municipality (row-level security keeps the others out). */
export function taskRepository(db: Db) {
  const columns = db`t.id, t.municipality_id, t.request_id, r.tracking_code,
    coalesce(t.workflow_id, r.workflow_id) as workflow_id, r.channel, t.task_key,
    t.element_id, t.name, t.candidate_groups, t.status, t.form_id, t.opened_at, t.closed_at, t.completed_by, t.assignee`;
  return {
    /** Tasks matching a condition built by the caller from bound fragments, in the given order. */
    page(where: Fragment, sort: Fragment, limit: number) {
      return db<TaskRow[]>`select ${columns} from tasks t join requests r on r.id = t.request_id
        where ${where} order by ${sort} limit ${limit}`;
    },
    /** The form schema a task links, from the version its request runs on. */
    async form(requestId: string, formId: string) {
      const [row] = await db<{ form: unknown }[]>`select v.forms -> ${formId} as form from requests r
        join procedure_versions v on v.id = r.procedure_version_id where r.id = ${requestId}`;
      return row?.form ?? null;
    },
    /** Every task of a request, oldest first, each saying whether it meets `shown` (openable). */
    ofRequest(requestId: string, shown: Fragment) {
      return db<(TaskRow & { openable: boolean })[]>`select ${columns}, ${shown} as openable
        from tasks t join requests r on r.id = t.request_id
        where t.request_id = ${requestId} order by t.opened_at, t.id`;
    },
    /** A task by id, if it also meets `shown` (a condition on `t`, such as taskShownTo). */
    async find(taskId: string, shown: Fragment = db`true`) {
      if (!UUID.test(taskId)) return undefined;
      const [row] = await db<TaskRow[]>`select ${columns} from tasks t join requests r on r.id = t.request_id
        where t.id = ${taskId} and ${shown}`;
      return row;
    },
  };
}

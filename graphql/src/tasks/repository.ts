import type { Sql } from 'postgres';
import type { SignedInAgent } from '../common/context.ts';

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
}

export function taskRepository(sql: Sql) {
  const columns = sql`t.id, t.municipality_id, t.request_id, r.tracking_code, r.workflow_id, r.channel, t.task_key,
    t.element_id, t.name, t.candidate_groups, t.status, t.form_id, t.opened_at, t.closed_at, t.completed_by`;
  return {
    /** Open tasks the agent may work on: assigned to them, or to one of their groups. */
    inbox(agent: SignedInAgent) {
      return sql<TaskRow[]>`select ${columns} from tasks t join requests r on r.id = t.request_id
        where t.municipality_id = ${agent.municipalityId} and t.status = 'open'
          and (t.assignee = ${agent.id} or t.candidate_groups && ${agent.groups} or ${agent.email} = any(t.candidate_users))
        order by t.opened_at limit 200`;
    },
    /** The form schema a task links, from the version its request runs on. */
    async form(requestId: string, formId: string) {
      const [row] = await sql<{ form: unknown }[]>`select v.forms -> ${formId} as form from requests r
        join procedure_versions v on v.id = r.procedure_version_id where r.id = ${requestId}`;
      return row?.form ?? null;
    },
    async find(agent: SignedInAgent, taskId: string) {
      if (!UUID.test(taskId)) return undefined;
      const [row] = await sql<TaskRow[]>`select ${columns} from tasks t join requests r on r.id = t.request_id
        where t.id = ${taskId} and t.municipality_id = ${agent.municipalityId}`;
      return row;
    },
  };
}

import type { Db } from '../common/database.ts';
import { type NamedAgent, namesAgent } from '../tasks/candidates.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A task as signing needs it: its request, the request's data, and whether its step takes a signature. */
export interface SignableTask {
  id: string;
  municipality_id: string;
  request_id: string;
  tracking_code: string;
  workflow_id: string;
  task_key: string;
  element_id: string;
  name: string | null;
  status: string;
  candidate_groups: string[];
  candidate_users: string[];
  assignee: string | null;
  request_data: unknown;
  /** the element's zeebe:property `signature` (`required` for a signature step) */
  signature_property: string | null;
}

export async function findSignableTask(db: Db, taskId: string): Promise<SignableTask | undefined> {
  if (!UUID.test(taskId)) return undefined;
  const [row] = await db<SignableTask[]>`
    select t.id, t.municipality_id, t.request_id, r.tracking_code, r.workflow_id, t.task_key, t.element_id, t.name,
      t.status, t.candidate_groups, t.candidate_users, t.assignee, r.data as request_data,
      v.ir -> 'elements' -> t.element_id -> 'properties' ->> 'signature' as signature_property
    from tasks t join requests r on r.id = t.request_id join procedure_versions v on v.id = r.procedure_version_id
    where t.id = ${taskId}`;
  return row;
}

/** Whether a person may work on the task: its assignee, named by its candidate users (id or e-mail), or in one of its groups. */
export function mayWorkOn(task: SignableTask, person: NamedAgent & { groups: string[] }): boolean {
  return (
    task.assignee === person.id ||
    namesAgent(task.candidate_users, person) ||
    task.candidate_groups.some((group) => person.groups.includes(group))
  );
}

/** Who the step is for, as a refusal names them: its groups and named agents, else its assignee. */
export function signatoriesOf(task: SignableTask): string {
  return [...task.candidate_groups, ...task.candidate_users].join(', ') || task.assignee || '—';
}

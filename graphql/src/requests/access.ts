import type { Fragment } from 'postgres';
import type { SignedInAgent } from '../common/context.ts';
import type { Db } from '../common/database.ts';
import { CASEWORKERS, hasRole, seesWholeMunicipality } from '../common/roles.ts';
import { namedIn, namesOf } from '../tasks/candidates.ts';

// Who, inside a town hall, sees a task, and a request with its citizen's data. One rule, for every
// way an agent reaches them: task(id), the task and request lists, request(trackingCode) and what
// hangs from it, the request's documents and files.
// - Managers and administrators: every task and request of their municipality.
// - Agents: a task that is theirs by the inbox's rule, open or closed — assigned to them, for one of
//   their groups, or naming them among its candidate users — or that is so for an agent who has
//   delegated their signature to them, while the delegation lasts (the inbox's delegated steps).
//   A request when one of its tasks is theirs so, or when they registered it on a citizen's behalf.
// - Analysts, and any role but these: none; they work on procedures, not on citizens.
// Citizens reach their own requests another way: signed in, or with the e-mail it was filed with.
// Refusals: one the agent may not see answers as one that does not exist (NOT_FOUND; task(id): null),
// so ids and codes cannot be probed; an analyst asking as an agent gets FORBIDDEN for their role.

/** Whose tasks, as SQL: an agent's own values, or a delegator's columns. */
interface Holder {
  id: string | Fragment;
  groups: string[] | Fragment;
  /** what candidate users name them by (namesOf) */
  names: string[] | Fragment;
}

/** Tasks (alias `t`) that are the holder's by the inbox's rule, whatever their state. */
const heldBy = (db: Db, holder: Holder) =>
  db`(t.assignee = ${holder.id} or t.candidate_groups && ${holder.groups}
    or ${namedIn(db, 't.candidate_users', holder.names)})`;

/** The tasks (alias `t`) the agent may see, as a condition. */
export function taskShownTo(db: Db, agent: SignedInAgent): Fragment {
  if (!hasRole(agent, ...CASEWORKERS)) return db`false`;
  if (seesWholeMunicipality(agent)) return db`true`;
  const delegator = { id: db`f.id::text`, groups: db`f.groups`, names: db`array[f.id::text, lower(f.email)]` };
  // A live delegation as in the signature book (delegationRepository.heldNow).
  return db`(${heldBy(db, { id: agent.id, groups: agent.groups, names: namesOf(agent) })}
    or exists (select from signature_delegations d join agents f on f.id = d.delegator_id
      where d.delegate_id = ${agent.id}::uuid and d.revoked_at is null and d.starts_at <= now() and d.ends_at > now()
        and ${heldBy(db, delegator)}))`;
}

/** The requests (alias `r`) the agent may see, with their citizen's data, as a condition. */
export function requestShownTo(db: Db, agent: SignedInAgent): Fragment {
  if (!hasRole(agent, ...CASEWORKERS)) return db`false`;
  if (seesWholeMunicipality(agent)) return db`true`;
  return db`(r.registered_by = ${agent.id}::uuid
    or exists (select from tasks t where t.request_id = r.id and ${taskShownTo(db, agent)}))`;
}

/** Whether the agent may see this request; false as well when there is none. */
export async function mayReadRequest(
  db: Db,
  agent: SignedInAgent,
  request: { id: string } | { trackingCode: string },
): Promise<boolean> {
  const which = 'id' in request ? db`r.id = ${request.id}::uuid` : db`r.tracking_code = ${request.trackingCode}`;
  const rows = await db`select 1 from requests r where ${which} and ${requestShownTo(db, agent)}`;
  return rows.length > 0;
}

import type { SignedInAgent } from '../common/context.ts';
import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import { isUuid } from '../common/uuid.ts';
import { type AbsenceRow, organisationRepository } from './repository.ts';

export interface AbsenceInput {
  agentId?: string | null;
  startsAt: Date;
  endsAt: Date;
  reason?: string | null;
}

const mayManage = (agent: SignedInAgent) => agent.roles.includes('manager') || agent.roles.includes('administrator');

/**
 * Records an absence (one's own, or any agent's for managers): while it lasts the agent gets no
 * new task, and their open tasks go back to their groups, now if it has begun.
 */
export async function declareAbsence(db: Db, by: SignedInAgent, input: AbsenceInput): Promise<AbsenceRow> {
  const agentId = input.agentId ?? by.id;
  if (agentId !== by.id && !mayManage(by)) {
    throw userError(
      'FORBIDDEN',
      "Seuls les responsables déclarent l'absence d'un autre agent. / Only managers declare another agent's absence.",
      { field: 'agentId' },
    );
  }
  if (!isUuid(agentId) || !(await organisationRepository(db).agent(agentId))) {
    throw userError('NOT_FOUND', `Agent ${agentId} introuvable. / No such agent.`, { field: 'agentId' });
  }
  if (input.endsAt <= input.startsAt) {
    throw userError('BAD_USER_INPUT', 'La fin doit suivre le début. / The end must come after the start.', {
      field: 'endsAt',
    });
  }
  const [absence] = await db<
    AbsenceRow[]
  >`insert into absences (municipality_id, agent_id, starts_at, ends_at, reason, declared_by)
    values (${by.municipalityId}, ${agentId}, ${input.startsAt}, ${input.endsAt}, ${input.reason ?? ''}, ${by.id})
    returning id, agent_id, starts_at, ends_at, reason`;
  await db`update tasks set assignee = null
    where assignee = ${agentId} and status = 'open' and parvis_agent_absent(${agentId}::uuid, now())`;
  return absence!;
}

/** Ends an absence early (the agent's own, or any for managers). */
export async function cancelAbsence(db: Db, by: SignedInAgent, absenceId: string): Promise<boolean> {
  const rows = isUuid(absenceId)
    ? await db`delete from absences where id = ${absenceId}::uuid and (agent_id = ${by.id} or ${mayManage(by)}) returning id`
    : [];
  if (rows.length === 0) throw userError('NOT_FOUND', `Absence ${absenceId} introuvable. / No such absence.`);
  return true;
}

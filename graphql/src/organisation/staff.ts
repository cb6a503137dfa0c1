import { EMAIL } from '../common/contact-checks.ts';
import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import type { Role } from '../common/roles.ts';

export const ROLES: Role[] = ['agent', 'manager', 'analyst', 'administrator', 'dpo'];

/** An agent an administrator adds, on the screen or from a line of a CSV file. */
export interface NewStaffMember {
  email: string;
  displayName: string;
  roles: string[];
  groups: string[];
  departmentId: string | null;
}

/** Why a new agent cannot be created, in French and English; the field concerned. */
export interface StaffProblem {
  field: 'email' | 'displayName' | 'roles' | 'groups' | 'department';
  fr: string;
  en: string;
}

/** What is wrong with a new agent, given the town's known groups; empty when nothing is. */
export function staffMemberProblems(member: NewStaffMember, knownGroups: Set<string>): StaffProblem[] {
  const problems: StaffProblem[] = [];
  if (!EMAIL.test(member.email))
    problems.push({
      field: 'email',
      fr: `adresse e-mail invalide : « ${member.email} »`,
      en: `invalid e-mail address: "${member.email}"`,
    });
  if (!member.displayName.trim()) problems.push({ field: 'displayName', fr: 'nom manquant', en: 'missing name' });
  const roles = member.roles.filter((r) => !ROLES.includes(r as Role));
  if (roles.length > 0)
    problems.push({
      field: 'roles',
      fr: `rôle inconnu : ${roles.join(', ')} (${ROLES.join(', ')})`,
      en: `unknown role: ${roles.join(', ')} (${ROLES.join(', ')})`,
    });
  if (member.roles.length === 0) problems.push({ field: 'roles', fr: 'aucun rôle', en: 'no role' });
  const groups = member.groups.filter((g) => !knownGroups.has(g));
  if (groups.length > 0)
    problems.push({
      field: 'groups',
      fr: `groupe inconnu : ${groups.join(', ')}`,
      en: `unknown group: ${groups.join(', ')}`,
    });
  return problems;
}

/**
 * Creates an agent in the transaction's town, with no password yet (they choose one from their
 * invitation). Undefined when the town has an agent with this e-mail already.
 */
export async function insertStaffMember(
  db: Db,
  municipalityId: string,
  member: NewStaffMember,
): Promise<{ id: string } | undefined> {
  // '!' is no scrypt hash: no password matches it.
  const [row] = await db<{ id: string }[]>`insert into agents
      (municipality_id, email, display_name, password_hash, roles, groups, department_id)
    values (${municipalityId}, ${member.email.toLowerCase()}, ${member.displayName.trim()}, '!', ${member.roles},
      ${member.groups}, ${member.departmentId})
    on conflict (municipality_id, email) do nothing returning id`;
  return row;
}

/**
 * Disables an agent (they sign in no more, their sessions end, their open tasks go back to their
 * groups) or enables them again. An administrator does not disable themselves.
 */
export async function setStaffMemberDisabled(db: Db, by: { id: string }, agentId: string, disabled: boolean) {
  if (disabled && agentId === by.id)
    throw userError('NOT_ALLOWED', 'Vous ne pouvez pas vous désactiver vous-même. / You cannot disable yourself.', {
      field: 'id',
    });
  await db`update agents set disabled_at = case when ${disabled} then now() end where id = ${agentId}`;
  if (disabled) {
    await db`delete from agent_sessions where agent_id = ${agentId}`;
    await db`update tasks set assignee = null where assignee = ${agentId} and status = 'open'`;
  }
}

import type { Db } from '../common/database.ts';

export interface DepartmentRow {
  id: string;
  name: string;
  /** how the public reaches it (CRPA R112-5: the acknowledgement names it), set by the administrator */
  postal_address: string | null;
  phone: string | null;
  email: string | null;
}

const DEPARTMENT = (db: Db) => db`id, name, postal_address, phone, email`;

export interface GroupRow {
  key: string;
  name: string;
  department_id: string | null;
  assignment: AssignmentMode;
}

export type AssignmentMode = 'manual' | 'roundRobin' | 'leastLoaded';

export interface AgentRow {
  id: string;
  email: string;
  display_name: string;
  roles: string[];
  groups: string[];
  department_id: string | null;
  absent: boolean;
  disabled: boolean;
}

export interface AbsenceRow {
  id: string;
  agent_id: string;
  starts_at: Date;
  ends_at: Date;
  reason: string;
}

const AGENT_FIELDS = (db: Db) => db`id, email, display_name, roles, groups, department_id,
  parvis_agent_absent(id, now()) as absent, disabled_at is not null as disabled`;

/** Departments, groups and agents of the transaction's municipality. */
export function organisationRepository(db: Db) {
  return {
    departments: () => db<DepartmentRow[]>`select ${DEPARTMENT(db)} from departments order by name`,
    async createDepartment(municipalityId: string, name: string) {
      const [row] = await db<DepartmentRow[]>`insert into departments (municipality_id, name)
        values (${municipalityId}, ${name}) on conflict (municipality_id, name) do update set name = excluded.name
        returning ${DEPARTMENT(db)}`;
      return row!;
    },
    groups: () => db<GroupRow[]>`select key, name, department_id, assignment from agent_groups order by name`,
    async saveGroup(municipalityId: string, group: GroupRow) {
      const [row] = await db<
        GroupRow[]
      >`insert into agent_groups (municipality_id, key, name, department_id, assignment)
        values (${municipalityId}, ${group.key}, ${group.name}, ${group.department_id}, ${group.assignment})
        on conflict (municipality_id, key) do update
          set name = excluded.name, department_id = excluded.department_id, assignment = excluded.assignment
        returning key, name, department_id, assignment`;
      return row!;
    },
    agents: () => db<AgentRow[]>`select ${AGENT_FIELDS(db)} from agents order by display_name`,
    async agent(id: string) {
      const [row] = await db<AgentRow[]>`select ${AGENT_FIELDS(db)} from agents where id = ${id}`;
      return row;
    },
    /**
     * The groups an agent may be put in: those the town declared, and those its agents already
     * belong to (towns set up before groups were declared, such as the demo).
     */
    async knownGroups(): Promise<Set<string>> {
      const rows = await db<{ key: string }[]>`select key from agent_groups union select unnest(groups) from agents`;
      return new Set(rows.map((g) => g.key));
    },
    async updateAgent(id: string, changes: { roles: string[]; groups: string[]; departmentId: string | null }) {
      await db`update agents set roles = ${changes.roles}, groups = ${changes.groups}, department_id = ${changes.departmentId}
        where id = ${id}`;
    },
    absences: (agentId?: string) =>
      db<AbsenceRow[]>`select id, agent_id, starts_at, ends_at, reason from absences
        where ends_at > now() ${agentId ? db`and agent_id = ${agentId}` : db``} order by starts_at`,
  };
}

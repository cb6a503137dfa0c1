import { auditSource, recordAudit } from '../audit/record.ts';
import type { ApiContext } from '../common/context.ts';
import { parseDate } from '../common/cursor.ts';
import { userError } from '../common/errors.ts';
import { type Role, requireRole } from '../common/roles.ts';
import { isUuid } from '../common/uuid.ts';
import type { MutationDeclareAbsenceArgs, MutationSaveGroupArgs, Resolvers } from '../generated/resolvers.ts';
import { cancelAbsence, declareAbsence } from './absences.ts';
import { type AbsenceRow, type AgentRow, type GroupRow, organisationRepository } from './repository.ts';
import { ROLES } from './staff.ts';
import { staffAdministrationResolvers, staffAdministrationTypeDefs } from './staff-schema.ts';

export const organisationTypeDefs = /* GraphQL */ `
  "A department of the town hall (service): it gathers agent groups."
  type Department {
    "the department's id"
    id: ID!
    "its name (e.g. Voirie, État civil)"
    name: String!
  }

  "How a group's new tasks find their agent: left for them to claim, in turn, or to the least busy."
  enum AssignmentMode {
    "left for the group's agents to claim (manuelle)"
    MANUAL
    "to each agent of the group in turn (à tour de rôle)"
    ROUND_ROBIN
    "to the agent of the group with the fewest open tasks (au moins chargé)"
    LEAST_LOADED
  }

  "A group of agents tasks are given to (the key a model names as candidate group)."
  type AgentGroup {
    "the key models name it by as candidate group (e.g. voirie)"
    key: String!
    "its name, as people read it"
    name: String!
    "the department it belongs to; null for none"
    departmentId: ID
    "how its new tasks find their agent"
    assignment: AssignmentMode!
  }

  "An agent as managers and administrators see them."
  type StaffMember {
    "the agent's id"
    id: ID!
    "the e-mail address they sign in with"
    email: String!
    "their name, as colleagues and citizens read it"
    displayName: String!
    "agent, manager, analyst, administrator"
    roles: [String!]!
    "keys of their groups"
    groups: [String!]!
    "their department; null for none"
    departmentId: ID
    "away right now"
    absent: Boolean!
    "disabled by an administrator: signs in no more, gets no task"
    disabled: Boolean!
  }

  "An agent away for a while: their open tasks go back to their groups."
  type Absence {
    "the absence's id"
    id: ID!
    "the agent away"
    agentId: ID!
    "when it starts (ISO 8601)"
    startsAt: String!
    "when it ends (ISO 8601)"
    endsAt: String!
    "why, as the agent words it"
    reason: String!
  }

  "An agent group to create, or to change by its key."
  input GroupInput {
    "the key models name it by; an existing key changes that group"
    key: String!
    "its name, as people read it"
    name: String!
    "the department it belongs to; null for none"
    departmentId: ID
    "how its new tasks find their agent; absent, MANUAL"
    assignment: AssignmentMode = MANUAL
  }

  "An absence to declare for the signed-in agent."
  input AbsenceInput {
    "left out: my own"
    agentId: ID
    "when it starts (ISO 8601)"
    startsAt: String!
    "when it ends (ISO 8601)"
    endsAt: String!
    "why, in words colleagues read"
    reason: String
  }

  extend type Query {
    "Administrators and managers: the town's departments (services)."
    departments: [Department!]!
    "Administrators and managers: the town's agent groups, each with its department and assignment mode."
    groups: [AgentGroup!]!
    "Managers and administrators: the municipality's agents."
    staff: [StaffMember!]!
    "Current and coming absences: mine, or everyone's for managers."
    absences: [Absence!]!
  }

  extend type Mutation {
    "Administrators: creates a department (or returns the one with this name)."
    createDepartment("the department's name" name: String!): Department!
    "Administrators: creates or changes a group and its assignment mode."
    saveGroup("the group; an existing key updates it" group: GroupInput!): AgentGroup!
    "Administrators: sets an agent's roles, groups and department."
    updateStaffMember(
      "the agent's id"
      id: ID!
      "agent, manager, analyst, administrator"
      roles: [String!]!
      "keys of the groups the agent belongs to"
      groups: [String!]!
      "the agent's department; null for none"
      departmentId: ID
    ): StaffMember!
    "Declares an absence (mine, or an agent's for managers): their open tasks go back to their groups."
    declareAbsence("when and why" absence: AbsenceInput!): Absence!
    "Managers: cancels an absence; the tasks it held go back to their group."
    cancelAbsence("the absence's id" id: ID!): Boolean!
  }
${staffAdministrationTypeDefs}`;

export const organisationResolvers: Resolvers = {
  Query: {
    ...staffAdministrationResolvers.Query,
    departments: (_: unknown, __: unknown, ctx: ApiContext) =>
      ctx.db.within(requireRole(ctx, ...ROLES).municipalityId, (tx) => organisationRepository(tx).departments()),
    groups: (_: unknown, __: unknown, ctx: ApiContext) =>
      ctx.db.within(requireRole(ctx, ...ROLES).municipalityId, (tx) => organisationRepository(tx).groups()),
    staff: (_: unknown, __: unknown, ctx: ApiContext) =>
      ctx.db.within(requireRole(ctx, 'manager', 'administrator').municipalityId, (tx) =>
        organisationRepository(tx).agents(),
      ),
    absences: (_: unknown, __: unknown, ctx: ApiContext) => {
      const agent = requireRole(ctx, ...ROLES);
      const all = agent.roles.includes('manager') || agent.roles.includes('administrator');
      return ctx.db.within(agent.municipalityId, (tx) =>
        organisationRepository(tx).absences(all ? undefined : agent.id),
      );
    },
  },
  Mutation: {
    ...staffAdministrationResolvers.Mutation,
    createDepartment: (_: unknown, args: { name: string }, ctx: ApiContext) => {
      const admin = requireRole(ctx, 'administrator');
      const name = args.name.trim();
      if (!name)
        throw userError('BAD_USER_INPUT', 'Donnez un nom au service. / Name the department.', { field: 'name' });
      return ctx.db.within(admin.municipalityId, (tx) =>
        organisationRepository(tx).createDepartment(admin.municipalityId, name),
      );
    },
    saveGroup: (_: unknown, args: MutationSaveGroupArgs, ctx: ApiContext) => {
      const admin = requireRole(ctx, 'administrator');
      if (!/^[a-z0-9][a-z0-9-]*$/.test(args.group.key)) {
        throw userError(
          'BAD_USER_INPUT',
          'Clé de groupe : minuscules, chiffres et tirets (exemple : etat-civil). / Group key: lower case, digits and dashes.',
          { field: 'group.key' },
        );
      }
      const group: GroupRow = {
        key: args.group.key,
        name: args.group.name,
        department_id: args.group.departmentId ?? null,
        assignment: args.group.assignment ?? 'manual',
      };
      return ctx.db.within(admin.municipalityId, async (tx) => {
        if (
          group.department_id &&
          !(await organisationRepository(tx).departments()).some((d) => d.id === group.department_id)
        ) {
          throw userError('NOT_FOUND', 'Service introuvable. / No such department.', { field: 'group.departmentId' });
        }
        const saved = await organisationRepository(tx).saveGroup(admin.municipalityId, group);
        await recordAudit(tx, {
          municipalityId: admin.municipalityId,
          ...auditSource(ctx),
          action: 'groups.saved',
          target: `group:${group.key}`,
          details: { name: group.name, departmentId: group.department_id, assignment: group.assignment },
        });
        return saved;
      });
    },
    updateStaffMember: (
      _: unknown,
      args: { id: string; roles: string[]; groups: string[]; departmentId?: string | null },
      ctx: ApiContext,
    ) => {
      const admin = requireRole(ctx, 'administrator');
      const unknown = args.roles.filter((r) => !ROLES.includes(r as Role));
      if (unknown.length > 0) {
        throw userError(
          'BAD_USER_INPUT',
          `Rôles inconnus : ${unknown.join(', ')} (${ROLES.join(', ')}). / Unknown roles.`,
          { field: 'roles' },
        );
      }
      return ctx.db.within(admin.municipalityId, async (tx) => {
        const staff = organisationRepository(tx);
        const before = isUuid(args.id) ? await staff.agent(args.id) : undefined;
        if (!before) {
          throw userError('NOT_FOUND', `Agent ${args.id} introuvable. / No such agent.`, { field: 'id' });
        }
        await staff.updateAgent(args.id, {
          roles: args.roles,
          groups: args.groups,
          departmentId: args.departmentId ?? null,
        });
        const after = (await staff.agent(args.id))!;
        const changed = (a: string[], b: string[]) => [...a].sort().join() !== [...b].sort().join();
        for (const [kind, from, to] of [
          ['roles', before.roles, after.roles],
          ['groups', before.groups, after.groups],
        ] as const) {
          if (!changed(from, to)) continue;
          await recordAudit(tx, {
            municipalityId: admin.municipalityId,
            ...auditSource(ctx),
            action: `${kind}.changed`,
            target: `agent:${args.id}`,
            details: { agent: after.email, before: from, after: to },
          });
        }
        return after;
      });
    },
    declareAbsence: (_: unknown, args: MutationDeclareAbsenceArgs, ctx: ApiContext) => {
      const agent = requireRole(ctx, ...ROLES);
      const startsAt = parseDate(args.absence.startsAt, 'absence.startsAt')!;
      const endsAt = parseDate(args.absence.endsAt, 'absence.endsAt')!;
      return ctx.db.within(agent.municipalityId, (tx) =>
        declareAbsence(tx, agent, {
          agentId: args.absence.agentId ?? undefined,
          reason: args.absence.reason ?? undefined,
          startsAt,
          endsAt,
        }),
      );
    },
    cancelAbsence: (_: unknown, args: { id: string }, ctx: ApiContext) => {
      const agent = requireRole(ctx, ...ROLES);
      return ctx.db.within(agent.municipalityId, (tx) => cancelAbsence(tx, agent, args.id));
    },
  },
  AgentGroup: { departmentId: (g: GroupRow) => g.department_id },
  StaffMember: {
    displayName: (a: AgentRow) => a.display_name,
    departmentId: (a: AgentRow) => a.department_id,
  },
  Absence: {
    agentId: (a: AbsenceRow) => a.agent_id,
    startsAt: (a: AbsenceRow) => a.starts_at.toISOString(),
    endsAt: (a: AbsenceRow) => a.ends_at.toISOString(),
  },
};

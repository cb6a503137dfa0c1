import { auditSource, recordAudit } from '../audit/record.ts';
import type { ApiContext } from '../common/context.ts';
import { userError } from '../common/errors.ts';
import { requireRole } from '../common/roles.ts';
import { isUuid } from '../common/uuid.ts';
import type {
  MutationCreateStaffMemberArgs,
  MutationUpdateTownSettingsArgs,
  Resolvers,
} from '../generated/resolvers.ts';
import { inviteStaff } from './invite-staff.ts';
import { organisationRepository } from './repository.ts';
import { insertStaffMember, setStaffMemberDisabled, staffMemberProblems } from './staff.ts';
import { importStaff } from './staff-import.ts';
import {
  addClosure,
  type Closure,
  closures,
  readTownSettings,
  removeClosure,
  saveTownSettings,
  type TownSettings,
} from './town-settings.ts';

/** The town administrator's screens: agents created, imported, disabled; channels, closures, unit costs. */
export const staffAdministrationTypeDefs = /* GraphQL */ `
  "An agent to create; they get an invitation to choose a password."
  input NewStaffMemberInput {
    "the e-mail address they will sign in with"
    email: String!
    "their name, as colleagues and citizens read it"
    displayName: String!
    "agent, manager, analyst, administrator"
    roles: [String!]!
    "keys of their groups"
    groups: [String!]! = []
    "their department; null for none"
    departmentId: ID
  }

  "A line of an imported CSV file that was refused, and why."
  type StaffImportRefusal {
    "its line number in the file (the header is line 1)"
    line: Int!
    "the refused line's e-mail address; null when it had none"
    email: String
    "why, in French"
    reasonFr: String!
    "why, in English"
    reasonEn: String!
  }

  "What an import did: all or nothing, so agents are created only when no line is refused."
  type StaffImportReport {
    "the agents created (none when any line was refused)"
    created: [StaffMember!]!
    "the refused lines, and why"
    refused: [StaffImportRefusal!]!
  }

  "The town's channels and unit costs."
  type TownSettings {
    "the address citizens' mails answer to"
    contactEmail: String!
    "the address the town's mail server forwards requests to; null: the contact address only"
    intakeEmail: String
    "euros per request at the counter, by post, online (the dashboard's savings)"
    counterCost: Float!
    "euros per request received by post"
    postCost: Float!
    "euros per request filed online"
    onlineCost: Float!
  }

  "The town's contact address and unit costs; fields left out stay as they are."
  input TownSettingsInput {
    "the address citizens' mails answer to"
    contactEmail: String
    "empty: none"
    intakeEmail: String
    "euros per request received at the counter"
    counterCost: Float
    "euros per request received by post"
    postCost: Float
    "euros per request filed online"
    onlineCost: Float
  }

  "A day the town hall is closed: deadlines in working days skip it."
  type Closure {
    "YYYY-MM-DD"
    day: String!
    "why the town hall is closed that day"
    reason: String!
  }

  extend type Query {
    "Administrators: the town's channels and unit costs."
    townSettings: TownSettings!
    "Administrators and managers: closures from a month ago on."
    closures: [Closure!]!
  }

  extend type Mutation {
    "Administrators: creates an agent and sends them an invitation to choose their password."
    createStaffMember("the new agent" member: NewStaffMemberInput!): StaffMember!
    "Administrators: sends an agent a new first sign-in link (the earlier one lapses)."
    inviteStaffMember("the agent's id" id: ID!): StaffMember!
    "Administrators: disables an agent (sessions end, tasks go back to their groups) or enables them again."
    setStaffMemberDisabled(
      "the agent's id"
      id: ID!
      "true to disable, false to enable again"
      disabled: Boolean!
    ): StaffMember!
    "Administrators: creates agents from a CSV file (email, nom, roles, groupes, service) and invites them: all, or none when a line is refused."
    importStaff(
      "the CSV file: email, displayName, groups, department per line"
      csv: String!
    ): StaffImportReport!
    "Administrators: changes the town's contact address and unit costs."
    updateTownSettings("the new settings" settings: TownSettingsInput!): TownSettings!
    "Administrators: a day the town hall is closed; deadlines in working days skip it."
    addClosure("the day, YYYY-MM-DD" day: String!, "why, in words people read" reason: String = ""): Closure!
    "Administrators: the town hall opens that day again."
    removeClosure("the day, YYYY-MM-DD" day: String!): Boolean!
  }
`;

const admin = (ctx: ApiContext) => requireRole(ctx, 'administrator');

export const staffAdministrationResolvers: Resolvers = {
  Query: {
    townSettings: (_: unknown, __: unknown, ctx: ApiContext) => {
      const by = admin(ctx);
      return ctx.db.within(by.municipalityId, (tx) => readTownSettings(tx, by.municipalityId));
    },
    closures: (_: unknown, __: unknown, ctx: ApiContext) =>
      ctx.db.within(requireRole(ctx, 'administrator', 'manager').municipalityId, (tx) => closures(tx)),
  },
  Mutation: {
    createStaffMember: async (_: unknown, { member }: MutationCreateStaffMemberArgs, ctx: ApiContext) => {
      const by = admin(ctx);
      const { agent, sendInvitations } = await ctx.db.within(by.municipalityId, async (tx) => {
        const organisation = organisationRepository(tx);
        const departmentId = member.departmentId ?? null;
        const input = {
          ...member,
          email: member.email.trim().toLowerCase(),
          groups: member.groups ?? [],
          departmentId,
        };
        const [problem] = staffMemberProblems(input, await organisation.knownGroups());
        if (problem)
          throw userError('BAD_USER_INPUT', `${problem.fr} / ${problem.en}`, { field: `member.${problem.field}` });
        if (
          departmentId &&
          !(isUuid(departmentId) && (await organisation.departments()).some((d) => d.id === departmentId))
        )
          throw userError('NOT_FOUND', 'Service introuvable. / No such department.', { field: 'member.departmentId' });
        const row = await insertStaffMember(tx, by.municipalityId, input);
        if (!row)
          throw userError(
            'NOT_ALLOWED',
            `${input.email} est déjà agent de la commune. / ${input.email} is an agent already.`,
            { field: 'member.email' },
          );
        await recordAudit(tx, {
          municipalityId: by.municipalityId,
          ...auditSource(ctx),
          action: 'agents.created',
          target: `agent:${row.id}`,
          details: { agent: input.email, roles: input.roles, groups: input.groups },
        });
        const sendInvitations = await inviteStaff(tx, ctx, by.municipalityId, [input]);
        return { agent: (await organisation.agent(row.id))!, sendInvitations };
      });
      await sendInvitations();
      return agent;
    },
    inviteStaffMember: async (_: unknown, args: { id: string }, ctx: ApiContext) => {
      const by = admin(ctx);
      const { agent, sendInvitations } = await ctx.db.within(by.municipalityId, async (tx) => {
        const agent = isUuid(args.id) ? await organisationRepository(tx).agent(args.id) : undefined;
        if (!agent) throw userError('NOT_FOUND', `Agent ${args.id} introuvable. / No such agent.`, { field: 'id' });
        await recordAudit(tx, {
          municipalityId: by.municipalityId,
          ...auditSource(ctx),
          action: 'agents.invited',
          target: `agent:${agent.id}`,
          details: { agent: agent.email },
        });
        const invitee = {
          email: agent.email,
          displayName: agent.display_name,
          roles: agent.roles,
          groups: agent.groups,
        };
        return { agent, sendInvitations: await inviteStaff(tx, ctx, by.municipalityId, [invitee]) };
      });
      await sendInvitations();
      return agent;
    },
    setStaffMemberDisabled: (_: unknown, args: { id: string; disabled: boolean }, ctx: ApiContext) => {
      const by = admin(ctx);
      return ctx.db.within(by.municipalityId, async (tx) => {
        const organisation = organisationRepository(tx);
        const agent = isUuid(args.id) ? await organisation.agent(args.id) : undefined;
        if (!agent) throw userError('NOT_FOUND', `Agent ${args.id} introuvable. / No such agent.`, { field: 'id' });
        await setStaffMemberDisabled(tx, by, args.id, args.disabled);
        await recordAudit(tx, {
          municipalityId: by.municipalityId,
          ...auditSource(ctx),
          action: args.disabled ? 'agents.disabled' : 'agents.enabled',
          target: `agent:${args.id}`,
          details: { agent: agent.email },
        });
        return (await organisation.agent(args.id))!;
      });
    },
    importStaff: async (_: unknown, args: { csv: string }, ctx: ApiContext) => {
      const by = admin(ctx);
      const { report, sendInvitations } = await ctx.db.within(by.municipalityId, async (tx) => {
        const imported = await importStaff(tx, by.municipalityId, args.csv);
        const organisation = organisationRepository(tx);
        const created = await Promise.all(imported.created.map(async (a) => (await organisation.agent(a.id))!));
        if (created.length > 0)
          await recordAudit(tx, {
            municipalityId: by.municipalityId,
            ...auditSource(ctx),
            action: 'agents.imported',
            target: 'agents',
            details: { agents: created.map((a) => a.email) },
          });
        const invitees = created.map((a) => ({
          email: a.email,
          displayName: a.display_name,
          roles: a.roles,
          groups: a.groups,
        }));
        return {
          report: {
            created,
            refused: imported.refused.map((r) => ({ line: r.line, email: r.email, reasonFr: r.fr, reasonEn: r.en })),
          },
          sendInvitations: await inviteStaff(tx, ctx, by.municipalityId, invitees),
        };
      });
      await sendInvitations();
      return report;
    },
    updateTownSettings: (_: unknown, args: MutationUpdateTownSettingsArgs, ctx: ApiContext) => {
      const by = admin(ctx);
      const changes = Object.fromEntries(
        Object.entries(args.settings).filter(([, v]) => v !== undefined && v !== null),
      );
      return ctx.db.within(by.municipalityId, async (tx) => {
        const { before, after } = await saveTownSettings(tx, by.municipalityId, changes);
        const changed = Object.fromEntries(
          Object.entries(after).filter(([key, value]) => before[key as keyof TownSettings] !== value),
        );
        if (Object.keys(changed).length > 0)
          await recordAudit(tx, {
            municipalityId: by.municipalityId,
            ...auditSource(ctx),
            action: 'settings.changed',
            target: 'settings:town',
            details: Object.fromEntries(
              Object.keys(changed).map((key) => [
                key,
                { before: before[key as keyof TownSettings], after: changed[key] },
              ]),
            ),
          });
        return after;
      });
    },
    addClosure: (_: unknown, args: Closure, ctx: ApiContext) => {
      const by = admin(ctx);
      return ctx.db.within(by.municipalityId, async (tx) => {
        const closure = await addClosure(tx, by.municipalityId, args);
        await recordAudit(tx, {
          municipalityId: by.municipalityId,
          ...auditSource(ctx),
          action: 'settings.closure-added',
          target: `closure:${closure.day}`,
          details: { reason: closure.reason },
        });
        return closure;
      });
    },
    removeClosure: (_: unknown, args: { day: string }, ctx: ApiContext) => {
      const by = admin(ctx);
      return ctx.db.within(by.municipalityId, async (tx) => {
        await removeClosure(tx, args.day);
        await recordAudit(tx, {
          municipalityId: by.municipalityId,
          ...auditSource(ctx),
          action: 'settings.closure-removed',
          target: `closure:${args.day}`,
        });
        return true;
      });
    },
  },
};

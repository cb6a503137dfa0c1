import type { ApiContext } from '../common/context.ts';
import { checkedDay } from '../common/day.ts';
import { requireRole } from '../common/roles.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { deletePattern, listPatterns, savePattern } from './patterns.ts';
import { weekPlanning } from './week.ts';

export const planningTypeDefs = /* GraphQL */ `
  "A half-day of the week, as working patterns name them (the afternoon starts at 13:00 local time)."
  enum WeekHalfDay {
    "Monday morning"
    MON_AM
    "Monday afternoon"
    MON_PM
    "Tuesday morning"
    TUE_AM
    "Tuesday afternoon"
    TUE_PM
    "Wednesday morning"
    WED_AM
    "Wednesday afternoon"
    WED_PM
    "Thursday morning"
    THU_AM
    "Thursday afternoon"
    THU_PM
    "Friday morning"
    FRI_AM
    "Friday afternoon"
    FRI_PM
    "Saturday morning"
    SAT_AM
    "Saturday afternoon"
    SAT_PM
    "Sunday morning"
    SUN_AM
    "Sunday afternoon"
    SUN_PM
  }

  "Morning or afternoon of a day."
  enum HalfDay {
    "the morning (matin), until 13:00"
    AM
    "the afternoon (après-midi), from 13:00"
    PM
  }

  "An agent on a half-day: present, or why not."
  enum Presence {
    "working and not absent"
    PRESENT
    "not a working half-day of their pattern"
    NOT_WORKING
    "an absence covers it, in whole or in part"
    ABSENT
    "the town hall is closed that day (a closure it declared)"
    CLOSURE
    "a public holiday"
    HOLIDAY
  }

  "How an agent works from a start date to an end date: the half-days of the week, two weeks alternating when weekB is given."
  type WorkingPattern {
    "the pattern's id"
    id: ID!
    "the agent it is for"
    agentId: ID!
    "first day in force (YYYY-MM-DD); week A is the week it falls in"
    startsOn: String!
    "last day in force (YYYY-MM-DD), none when open-ended"
    endsOn: String
    "half-days worked in week A (every week when weekB is none)"
    weekA: [WeekHalfDay!]!
    "half-days worked in week B, the weeks alternating with A; none when every week is the same"
    weekB: [WeekHalfDay!]
  }

  "A working pattern to save."
  input WorkingPatternInput {
    "the agent, of the signed-in manager's town"
    agentId: ID!
    "first day in force (YYYY-MM-DD)"
    startsOn: String!
    "last day in force (YYYY-MM-DD), none when open-ended; not before startsOn"
    endsOn: String
    "half-days worked in week A"
    weekA: [WeekHalfDay!]!
    "half-days worked in week B when weeks alternate; none or empty when not"
    weekB: [WeekHalfDay!]
  }

  "An agent's presence on one half-day."
  type AgentHalfDay {
    "the day (YYYY-MM-DD)"
    day: String!
    "morning or afternoon"
    half: HalfDay!
    "present, or why not"
    presence: Presence!
  }

  "An agent of a group over the week."
  type AgentWeek {
    "the agent's id"
    agentId: ID!
    "the agent's name"
    displayName: String!
    "the week's fourteen half-days, Monday morning first"
    halfDays: [AgentHalfDay!]!
  }

  "How many of a group are present on one half-day."
  type GroupHalfDay {
    "the day (YYYY-MM-DD)"
    day: String!
    "morning or afternoon"
    half: HalfDay!
    "agents of the group present"
    present: Int!
    "true when the town hall is closed (closure or holiday): nobody present is then expected"
    closed: Boolean!
  }

  "A group of agents over the week."
  type GroupWeek {
    "the group's key"
    key: String!
    "the group's name"
    name: String!
    "its enabled agents, by name"
    agents: [AgentWeek!]!
    "the week's fourteen half-days with how many are present"
    halfDays: [GroupHalfDay!]!
  }

  "The town's planning for one week, by group."
  type WeekPlanning {
    "the seven days (YYYY-MM-DD), Monday first"
    days: [String!]!
    "every group of the town, by name"
    groups: [GroupWeek!]!
  }

  extend type Query {
    "Managers and administrators: the working patterns of the town's agents (one agent's when given)."
    workingPatterns("only this agent's" agentId: ID): [WorkingPattern!]!
    "Managers and administrators: who is present each half-day of the week a day falls in, group by group (patterns minus absences, closures and holidays)."
    weekPlanning("a day of the week wanted (YYYY-MM-DD)" day: String!): WeekPlanning!
  }

  extend type Mutation {
    "Managers and administrators: saves a working pattern (a new one, or replaces the one id names). Overlapping patterns, an end before the start or an agent of another town are refused."
    saveWorkingPattern("the pattern to replace; none for a new one" id: ID, "the pattern" pattern: WorkingPatternInput!): WorkingPattern!
    "Managers and administrators: deletes a working pattern."
    deleteWorkingPattern("the pattern's id" id: ID!): Boolean!
  }
`;

export const planningResolvers: Resolvers = {
  Query: {
    workingPatterns: (_, args, ctx: ApiContext) =>
      ctx.db.within(requireRole(ctx, 'manager', 'administrator').municipalityId, (tx) =>
        listPatterns(tx, args.agentId ?? undefined),
      ),
    weekPlanning: (_, args, ctx: ApiContext) => {
      const town = requireRole(ctx, 'manager', 'administrator').municipalityId;
      checkedDay(args.day, 'day');
      return ctx.db.within(town, (tx) => weekPlanning(tx, town, args.day));
    },
  },
  Mutation: {
    saveWorkingPattern: (_, args, ctx: ApiContext) => {
      const by = requireRole(ctx, 'manager', 'administrator');
      const { pattern } = args;
      return ctx.db.within(by.municipalityId, (tx) =>
        savePattern(
          tx,
          by,
          {
            agentId: pattern.agentId,
            startsOn: pattern.startsOn,
            endsOn: pattern.endsOn ?? null,
            weekA: pattern.weekA,
            weekB: pattern.weekB ?? null,
          },
          args.id ?? undefined,
        ),
      );
    },
    deleteWorkingPattern: (_, args, ctx: ApiContext) =>
      ctx.db.within(requireRole(ctx, 'manager', 'administrator').municipalityId, (tx) => deletePattern(tx, args.id)),
  },
};

import { userError } from '../common/errors.ts';
import { requireRole } from '../common/roles.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { municipalityTimeZone, today } from './dashboard-repository.ts';
import { heatmapCsv } from './heatmap-csv.ts';
import {
  type HeatmapElementRow,
  type HeatmapVersion,
  heatmapRepository,
  type TaskLoadRow,
} from './heatmap-repository.ts';
import { dayAfter, type Period, parsePeriod } from './period.ts';

/** A heatmap as the query computed it, whole (the fields only reshape it). */
export interface HeatmapSource {
  version: HeatmapVersion;
  period: Period;
  elements: HeatmapElementRow[];
  groups: TaskLoadRow[];
  agents: TaskLoadRow[];
  requests: number;
  emptyReason: string | null;
}

export const heatmapTypeDefs = /* GraphQL */ `
  "One element of a procedure's diagram over a period: how many requests passed it and how long they stayed."
  type HeatmapElement {
    "the BPMN element's id"
    elementId: String!
    "its name in the model; null when it has none"
    name: String
    "requests that entered it in the period"
    requests: Int!
    "of those, still waiting there now"
    waiting: Int!
    "median hours spent there, over the passages that ended; null when none ended"
    medianHours: Float
    "90th percentile of hours spent there, over the passages that ended; null when none ended"
    p90Hours: Float
    "passages that ended after their deadline, or are still open past it"
    deadlinesMissed: Int!
  }

  "The load of one group or one agent over a procedure version's tasks of a period."
  type TaskLoad {
    "the group's name, or the agent's display name"
    key: String!
    "tasks open now (for an agent: assigned to them)"
    open: Int!
    "tasks completed"
    completed: Int!
    "median hours from opening to completion; null when none was completed"
    medianHours: Float
    "tasks that missed their deadline"
    deadlinesMissed: Int!
  }

  "Where a procedure version's requests waited over a period: a heatmap for its diagram, the steps where deadlines were missed, the task load."
  type WaitingHeatmap {
    "the procedure's key"
    procedureKey: String!
    "the procedure's title in the language asked"
    procedureTitle("language of the text: FR (the default) or EN" lang: Lang = FR): String!
    "the version the heatmap is drawn on"
    version: Int!
    "first day of the period, YYYY-MM-DD (the town's time zone)"
    from: String!
    "last day of the period, YYYY-MM-DD (included)"
    to: String!
    "the version's BPMN, for the diagram"
    bpmn: String!
    "requests of this version that entered a step in the period"
    requests: Int!
    "per element of the diagram that requests passed, the busiest first"
    elements: [HeatmapElement!]!
    "per candidate group"
    groups: [TaskLoad!]!
    "per agent"
    agents: [TaskLoad!]!
    "why the heatmap is empty, in words (French, then English); null when it has data"
    emptyReason: String
    "the same figures as CSV (RFC 4180, UTF-8): one line per element, group and agent"
    csv: String!
  }

  extend type Query {
    "Where a procedure version's requests waited over a period (managers, administrators and analysts of the town)."
    waitingHeatmap(
      "the procedure's key"
      procedureKey: String!
      "the version; the latest when omitted"
      version: Int
      "first day, YYYY-MM-DD; by default 29 days before the last"
      from: String
      "last day, YYYY-MM-DD (included); by default today"
      to: String
    ): WaitingHeatmap!
  }
`;

export const heatmapResolvers: Resolvers = {
  Query: {
    waitingHeatmap: async (_, args, ctx) => {
      const agent = requireRole(ctx, 'manager', 'administrator', 'analyst');
      return ctx.db.within(agent.municipalityId, async (db): Promise<HeatmapSource> => {
        const timeZone = await municipalityTimeZone(db, agent.municipalityId);
        const period = parsePeriod(args.from, args.to, await today(db, timeZone));
        const repository = heatmapRepository(db);
        const version = await repository.version(args.procedureKey, args.version);
        if (!version) {
          const which = args.version == null ? args.procedureKey : `${args.procedureKey} v${args.version}`;
          throw userError(
            'NOT_FOUND',
            `Aucune procédure ${which} dans votre commune. / No procedure ${which} in your town.`,
            { field: args.version == null ? 'procedureKey' : 'version' },
          );
        }
        const until = dayAfter(period);
        const { elements, groups, agents } = await repository.figures(version.id, period.from, until, timeZone);
        const requests = elements.reduce((most, e) => Math.max(most, e.requests), 0);
        const emptyReason =
          elements.length === 0
            ? `Aucune demande de « ${version.title_fr} » (version ${version.version}) n'est passée par une étape du ${period.from} au ${period.to} : rien à colorer. / No request of "${version.title_en}" (version ${version.version}) entered a step from ${period.from} to ${period.to}: nothing to colour.`
            : null;
        return { version, period, elements, groups, agents, requests, emptyReason };
      });
    },
  },
  WaitingHeatmap: {
    procedureKey: (h) => h.version.procedure_key,
    procedureTitle: (h, args) => (args.lang === 'en' ? h.version.title_en : h.version.title_fr),
    version: (h) => h.version.version,
    from: (h) => h.period.from,
    to: (h) => h.period.to,
    bpmn: (h) => h.version.bpmn,
    csv: (h) => heatmapCsv(h),
  },
  HeatmapElement: {
    elementId: (e) => e.element_id,
    medianHours: (e) => e.median_hours,
    p90Hours: (e) => e.p90_hours,
    deadlinesMissed: (e) => e.deadlines_missed,
  },
  TaskLoad: {
    medianHours: (l) => l.median_hours,
    deadlinesMissed: (l) => l.deadlines_missed,
  },
};

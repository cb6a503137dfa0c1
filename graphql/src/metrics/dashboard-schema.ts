import type { ApiContext } from '../common/context.ts';
import type { Db } from '../common/database.ts';
import { maxPageSize } from '../common/limits.ts';
import { requireRole } from '../common/roles.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { type CsvLine, toCsv } from './csv.ts';
import { dashboardRepository, municipalityTimeZone, today } from './dashboard-repository.ts';
import { type Period, parsePeriod, type TrendInterval } from './period.ts';
import { qualityOfService } from './quality.ts';
import { estimateSavings } from './savings.ts';
import { type MetricsSettings, readSettings, saveSettings } from './settings.ts';

export const dashboardTypeDefs = /* GraphQL */ `
  "A count under a label: a status, a channel, a procedure, a department."
  type MetricCount {
    "status, channel, procedure key or department name; null: none"
    key: String
    "the label in the language asked; null when it has no words (a raw key)"
    label("language of the text: FR (the default) or EN" lang: Lang = FR): String
    "how many requests"
    count: Int!
  }

  "Requests closed in the period."
  type ClosedMetrics {
    "requests closed in the period"
    closed: Int!
    "closed with a deadline"
    withDeadline: Int!
    "closed on or before their deadline"
    onTime: Int!
    "onTime / withDeadline, 0 to 1; null when none had a deadline"
    slaCompliance: Float
    "processing time (closing minus submission), hours"
    averageHours: Float
    "median hours from submission to closing; null when none"
    medianHours: Float
    "90th percentile of hours from submission to closing; null when none"
    p90Hours: Float
  }

  "Requests open now, whatever the period."
  type Backlog {
    "requests open now"
    open: Int!
    "their average age in days; null when none is open"
    averageAgeDays: Float
    "when the oldest was submitted; null when none is open"
    oldestSubmittedAt: String
    "open requests at risk of missing their deadline"
    atRisk: Int!
    "open requests past their deadline"
    breached: Int!
  }

  "An open request at risk of missing its deadline, or past it."
  type AtRiskRequest {
    "the request's tracking code"
    trackingCode: String!
    "its procedure's key"
    procedureKey: String!
    "its procedure's title, in the language asked"
    procedureTitle("language of the text: FR (the default) or EN" lang: Lang = FR): String!
    "where it came in"
    channel: String!
    "submitted or inProgress"
    status: String!
    "atRisk or breached"
    slaState: String!
    "when it was filed (ISO 8601)"
    submittedAt: String!
    "its deadline; null when none is set"
    dueAt: String
  }

  "Requests of one day or week (starting Monday)."
  type TrendPoint {
    "first day of the bucket, YYYY-MM-DD"
    date: String!
    "requests submitted that day or week"
    submitted: Int!
    "requests closed that day or week"
    closed: Int!
    "of those closed, how many within their deadline"
    closedOnTime: Int!
  }

  "One part of the quality-of-service score."
  type QualityComponent {
    "slaCompliance, speed or backlogFreshness"
    key: String!
    "its share of the score, 0 to 1"
    weight: Float!
    "0 to 1; null when there was nothing to measure"
    value: Float
  }

  "Quality of service out of 100 (docs/quality-of-service.md)."
  type QualityOfService {
    "the score, 0 to 100; null when there was nothing to measure"
    score: Int
    "good (85 and above), fair (65 and above) or poor"
    grade: String
    "the parts the score is made of"
    components: [QualityComponent!]!
    "the target in days a request should be closed within"
    targetDays: Float!
  }

  "Estimated savings of the requests moved from the counter and the post to the web."
  type Savings {
    "requests filed online in the period"
    online: Int!
    "requests received at the counter in the period"
    counter: Int!
    "requests received by post in the period"
    post: Int!
    "requests filed online beyond the share made online before Parvis"
    moved: Int!
    "euros: what a moved request would have cost at the counter or by post"
    offlineCost: Float!
    "euros: what a request filed online costs"
    onlineCost: Float!
    "euros"
    amount: Float!
  }

  "A request of the period that carries a place."
  type GeolocatedRequest {
    "the request's tracking code"
    trackingCode: String!
    "its procedure's key"
    procedureKey: String!
    "its procedure's title, in the language asked"
    procedureTitle("language of the text: FR (the default) or EN" lang: Lang = FR): String!
    "where it came in"
    channel: String!
    "submitted, inProgress, closed or failed"
    status: String!
    "onTime, atRisk, breached or paused"
    slaState: String!
    "degrees, WGS 84"
    latitude: Float!
    "degrees, WGS 84"
    longitude: Float!
  }

  "The figures of a municipality over a period (requests submitted in it, closed in it), and its backlog now."
  type Dashboard {
    "YYYY-MM-DD"
    from: String!
    "YYYY-MM-DD, included"
    to: String!
    "requests submitted in the period"
    submitted: Int!
    "the requests of the period by status"
    byStatus: [MetricCount!]!
    "the requests of the period by channel"
    byChannel: [MetricCount!]!
    "the requests of the period by procedure"
    byProcedure: [MetricCount!]!
    "the requests of the period by department (service)"
    byDepartment: [MetricCount!]!
    "requests closed in the period, and how fast"
    closed: ClosedMetrics!
    "requests open now"
    backlog: Backlog!
    "open requests at risk or late, nearest deadline first"
    atRisk("how many items to answer at most" first: Int = 50): [AtRiskRequest!]!
    "requests submitted and closed, per day or week"
    trend: [TrendPoint!]!
    "the quality-of-service score"
    quality: QualityOfService!
    "estimated savings of the requests filed online"
    savings: Savings!
    "the requests of the period that carry a place, for the map"
    geolocated("how many items to answer at most" first: Int = 2000): [GeolocatedRequest!]!
    "The whole dashboard as CSV (section, key, label, value)."
    csv: String!
  }

  "What a municipality sets for its dashboard."
  type MetricsSettings {
    "euros per request"
    counterCost: Float!
    "euros per request received by post"
    postCost: Float!
    "euros per request filed online"
    onlineCost: Float!
    "share of requests made online before Parvis, 0 to 1"
    baselineOnlineShare: Float!
    "days a request should be closed within, for the quality score"
    qosTargetDays: Float!
    "the town's own raster tile server, {z}/{x}/{y}; null: its maps are drawn on mapBackground"
    mapTileUrl: String
    "the street map the town's maps are drawn on when it names no tile server of its own"
    mapBackground: MapBackground!
  }

  "The street map a town's maps are drawn on (fond de carte)."
  enum MapBackground {
    "the IGN's plan, from the State's Géoplateforme (the default)"
    IGN_PLAN
    "OpenStreetMap's standard map"
    OPENSTREETMAP
  }

  "The dashboard's settings; fields left out stay as they are."
  input MetricsSettingsInput {
    "euros per request received at the counter"
    counterCost: Float
    "euros per request received by post"
    postCost: Float
    "euros per request filed online"
    onlineCost: Float
    "share of requests made online before Parvis, 0 to 1"
    baselineOnlineShare: Float
    "days a request should be closed within, for the quality score"
    qosTargetDays: Float
    "the town's own raster tile server, {z}/{x}/{y}; empty for none"
    mapTileUrl: String
    "the street map to draw the town's maps on"
    mapBackground: MapBackground
  }

  "How the dashboard's trend groups requests: one point per day or per week."
  enum TrendInterval {
    "one point per day (jour)"
    DAY
    "one point per week, from Monday (semaine)"
    WEEK
  }

  extend type Query {
    "Managers: the dashboard of the municipality from one day to another (default: the last 30 days)."
    dashboard(
      "first day, YYYY-MM-DD, included; absent, 30 days ago"
      from: String
      "last day, YYYY-MM-DD, included; absent, today"
      to: String
      "one trend point per DAY (the default) or per WEEK"
      interval: TrendInterval = DAY
    ): Dashboard!
    "Managers: the dashboard's settings (unit costs, quality target, map tiles)."
    metricsSettings: MetricsSettings!
  }

  extend type Mutation {
    "Managers and administrators: changes the dashboard's settings."
    updateMetricsSettings("fields left out stay as they are" input: MetricsSettingsInput!): MetricsSettings!
  }
`;

/** What the fields of a dashboard resolve from; each figure is read once per operation. */
export class DashboardSource {
  private readonly cache = new Map<string, Promise<unknown>>();
  constructor(
    private readonly ctx: ApiContext,
    readonly municipalityId: string,
    readonly timeZone: string,
    readonly period: Period,
    readonly interval: TrendInterval,
    readonly settings: MetricsSettings,
  ) {}

  read<T>(key: string, work: (repo: ReturnType<typeof dashboardRepository>, db: Db) => Promise<T>): Promise<T> {
    let found = this.cache.get(key) as Promise<T> | undefined;
    if (!found) {
      found = this.ctx.db.within(this.municipalityId, (db) =>
        work(dashboardRepository(db, this.municipalityId, this.timeZone, this.period), db),
      );
      this.cache.set(key, found);
    }
    return found;
  }

  closed = () => this.read('closed', (r) => r.closed());
  backlog = () => this.read('backlog', (r) => r.backlog());
  byChannel = () => this.read('channel', (r) => r.by('channel'));
  byStatus = () => this.read('status', (r) => r.by('status'));
  byProcedure = () => this.read('procedure', (r) => r.byProcedure());
  byDepartment = () => this.read('department', (r) => r.byDepartment());
  trend = () => this.read('trend', (r) => r.trend(this.interval));
  atRisk = (first: number) => this.read(`atRisk:${first}`, (r) => r.atRisk(first));

  async quality() {
    const [closed, backlog] = await Promise.all([this.closed(), this.backlog()]);
    return {
      ...qualityOfService({
        closedWithDeadline: closed.with_deadline,
        closedOnTime: closed.on_time,
        medianHours: closed.median_hours,
        open: backlog.open,
        averageOpenAgeDays: backlog.average_age_days,
        targetDays: this.settings.qosTargetDays,
      }),
      targetDays: this.settings.qosTargetDays,
    };
  }

  async savings() {
    const channels = await this.byChannel();
    return estimateSavings(new Map(channels.map((c) => [c.key ?? '', c.count])), this.settings);
  }
}

const clampFirst = (first: number, max: number) => Math.max(0, Math.min(first, max));
const round = (value: number | null, digits = 2) =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;
const compliance = (c: { with_deadline: number; on_time: number }) =>
  c.with_deadline > 0 ? c.on_time / c.with_deadline : null;

async function csvOf(source: DashboardSource): Promise<string> {
  const [status, channel, procedure, department, closed, backlog, trend, quality, savings, atRisk] = await Promise.all([
    source.byStatus(),
    source.byChannel(),
    source.byProcedure(),
    source.byDepartment(),
    source.closed(),
    source.backlog(),
    source.trend(),
    source.quality(),
    source.savings(),
    source.atRisk(500),
  ]);
  const lines: CsvLine[] = [
    { section: 'period', key: 'from', label: 'Début / From', value: source.period.from },
    { section: 'period', key: 'to', label: 'Fin / To', value: source.period.to },
    ...status.map((c) => ({ section: 'status', key: c.key ?? '', label: c.key ?? '', value: c.count })),
    ...channel.map((c) => ({ section: 'channel', key: c.key ?? '', label: c.key ?? '', value: c.count })),
    ...procedure.map((c) => ({ section: 'procedure', key: c.key ?? '', label: c.label_fr ?? '', value: c.count })),
    ...department.map((c) => ({ section: 'department', key: c.key ?? '', label: c.key ?? '', value: c.count })),
    { section: 'closed', key: 'closed', label: 'Closes / Closed', value: closed.closed },
    { section: 'closed', key: 'onTime', label: 'Dans les délais / On time', value: closed.on_time },
    { section: 'closed', key: 'withDeadline', label: 'Avec délai / With a deadline', value: closed.with_deadline },
    {
      section: 'closed',
      key: 'slaCompliance',
      label: 'Respect des délais / SLA compliance',
      value: round(compliance(closed), 4),
    },
    {
      section: 'closed',
      key: 'averageHours',
      label: 'Durée moyenne (h) / Average (h)',
      value: round(closed.average_hours),
    },
    {
      section: 'closed',
      key: 'medianHours',
      label: 'Durée médiane (h) / Median (h)',
      value: round(closed.median_hours),
    },
    {
      section: 'closed',
      key: 'p90Hours',
      label: '90e centile (h) / 90th percentile (h)',
      value: round(closed.p90_hours),
    },
    { section: 'backlog', key: 'open', label: 'En cours / Open', value: backlog.open },
    {
      section: 'backlog',
      key: 'averageAgeDays',
      label: 'Âge moyen (j) / Average age (d)',
      value: round(backlog.average_age_days),
    },
    { section: 'backlog', key: 'atRisk', label: 'En risque / At risk', value: backlog.at_risk },
    { section: 'backlog', key: 'breached', label: 'En retard / Late', value: backlog.breached },
    { section: 'quality', key: 'score', label: 'Qualité de service / Quality of service', value: quality.score },
    ...quality.components.map((c) => ({
      section: 'quality',
      key: c.key,
      label: `poids / weight ${c.weight}`,
      value: round(c.value, 4),
    })),
    {
      section: 'savings',
      key: 'moved',
      label: 'Demandes passées en ligne / Requests moved online',
      value: savings.moved,
    },
    { section: 'savings', key: 'amount', label: 'Économies (€) / Savings (€)', value: savings.amount },
    ...trend.flatMap((p) => [
      { section: 'trend.submitted', key: p.bucket, label: 'Déposées / Submitted', value: p.submitted },
      { section: 'trend.closed', key: p.bucket, label: 'Closes / Closed', value: p.closed },
    ]),
    ...atRisk.map((r) => ({
      section: `atRisk.${r.sla_state}`,
      key: r.tracking_code,
      label: r.title_fr,
      value: r.due_at?.toISOString() ?? null,
    })),
  ];
  return toCsv(lines);
}

const titled = (row: { title_fr: string; title_en: string }, args: { lang: 'fr' | 'en' }) =>
  args.lang === 'en' ? row.title_en : row.title_fr;

export const dashboardResolvers: Resolvers = {
  Query: {
    dashboard: async (_, args, ctx) => {
      const agent = requireRole(ctx, 'manager', 'administrator');
      const { timeZone, day, settings } = await ctx.db.within(agent.municipalityId, async (db) => {
        const timeZone = await municipalityTimeZone(db, agent.municipalityId);
        return { timeZone, day: await today(db, timeZone), settings: await readSettings(db, agent.municipalityId) };
      });
      const period = parsePeriod(args.from, args.to, day);
      return new DashboardSource(ctx, agent.municipalityId, timeZone, period, args.interval ?? 'day', settings);
    },
    metricsSettings: (_, __, ctx) => {
      const agent = requireRole(ctx, 'manager', 'administrator');
      return ctx.db.within(agent.municipalityId, (db) => readSettings(db, agent.municipalityId));
    },
  },
  Mutation: {
    updateMetricsSettings: (_, args, ctx) => {
      const agent = requireRole(ctx, 'manager', 'administrator');
      const changes = Object.fromEntries(Object.entries(args.input).filter(([, v]) => v !== undefined));
      return ctx.db.within(agent.municipalityId, (db) => saveSettings(db, agent.municipalityId, changes));
    },
  },
  Dashboard: {
    from: (s) => s.period.from,
    to: (s) => s.period.to,
    submitted: async (s) => (await s.byStatus()).reduce((sum, c) => sum + c.count, 0),
    byStatus: (s) => s.byStatus(),
    byChannel: (s) => s.byChannel(),
    byProcedure: (s) => s.byProcedure(),
    byDepartment: (s) => s.byDepartment(),
    closed: (s) => s.closed(),
    backlog: (s) => s.backlog(),
    atRisk: (s, args) => s.atRisk(clampFirst(args.first, maxPageSize('Dashboard.atRisk'))),
    trend: (s) => s.trend(),
    quality: (s) => s.quality(),
    savings: (s) => s.savings(),
    geolocated: (s, args) =>
      s.read(`geo:${args.first}`, (r) => r.geolocated(clampFirst(args.first, maxPageSize('Dashboard.geolocated')))),
    csv: (s) => csvOf(s),
  },
  MetricCount: {
    label: (c, args) => (args.lang === 'en' ? c.label_en : c.label_fr) ?? c.key,
  },
  ClosedMetrics: {
    withDeadline: (c) => c.with_deadline,
    onTime: (c) => c.on_time,
    slaCompliance: compliance,
    averageHours: (c) => c.average_hours,
    medianHours: (c) => c.median_hours,
    p90Hours: (c) => c.p90_hours,
  },
  Backlog: {
    averageAgeDays: (b) => b.average_age_days,
    oldestSubmittedAt: (b) => b.oldest_submitted_at?.toISOString() ?? null,
    atRisk: (b) => b.at_risk,
  },
  AtRiskRequest: {
    trackingCode: (r) => r.tracking_code,
    procedureKey: (r) => r.procedure_key,
    procedureTitle: titled,
    slaState: (r) => r.sla_state,
    submittedAt: (r) => r.submitted_at.toISOString(),
    dueAt: (r) => r.due_at?.toISOString() ?? null,
  },
  TrendPoint: {
    date: (p) => p.bucket,
    closedOnTime: (p) => p.on_time,
  },
  GeolocatedRequest: {
    trackingCode: (r) => r.tracking_code,
    procedureKey: (r) => r.procedure_key,
    procedureTitle: titled,
    slaState: (r) => r.sla_state,
  },
};

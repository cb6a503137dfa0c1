// GraphQL documents of the managers' area, with the shape of what they return.
import type { Operation } from '../../composables/useGraphql.ts';
import type {
  DashboardCsvQuery,
  DashboardCsvQueryVariables,
  DashboardMapQuery,
  DashboardMapQueryVariables,
  DashboardQuery,
  DashboardQueryVariables,
  MetricsSettingsFieldsFragment,
  MetricsSettingsQuery,
  MetricsSettingsQueryVariables,
  UpdateMetricsSettingsMutation,
  UpdateMetricsSettingsMutationVariables,
} from '../../graphql/generated/operations.ts';

export interface MetricCount {
  key: string | null;
  label: string | null;
  count: number;
}

export interface AtRiskRequest {
  trackingCode: string;
  procedureTitle: string;
  channel: string;
  status: string;
  slaState: 'atRisk' | 'breached';
  submittedAt: string;
  dueAt: string | null;
}

export interface TrendPoint {
  date: string;
  submitted: number;
  closed: number;
  closedOnTime: number;
}

export type GeolocatedRequest = DashboardMapQuery['dashboard']['geolocated'][number];

export interface Dashboard {
  from: string;
  to: string;
  submitted: number;
  byStatus: MetricCount[];
  byChannel: MetricCount[];
  byProcedure: MetricCount[];
  byDepartment: MetricCount[];
  closed: {
    closed: number;
    withDeadline: number;
    onTime: number;
    slaCompliance: number | null;
    averageHours: number | null;
    medianHours: number | null;
    p90Hours: number | null;
  };
  backlog: { open: number; averageAgeDays: number | null; atRisk: number; breached: number };
  atRisk: AtRiskRequest[];
  trend: TrendPoint[];
  quality: {
    score: number | null;
    grade: 'good' | 'fair' | 'poor' | null;
    targetDays: number;
    components: { key: 'slaCompliance' | 'speed' | 'backlogFreshness'; weight: number; value: number | null }[];
  };
  savings: {
    online: number;
    counter: number;
    post: number;
    moved: number;
    offlineCost: number;
    onlineCost: number;
    amount: number;
  };
}

export const DASHBOARD: Operation<DashboardQuery, DashboardQueryVariables> = /* GraphQL */ `
  query Dashboard($from: String, $to: String, $interval: TrendInterval, $lang: Lang) {
    dashboard(from: $from, to: $to, interval: $interval) {
      from to submitted
      byStatus { key label count }
      byChannel { key label count }
      byProcedure { key label(lang: $lang) count }
      byDepartment { key label count }
      closed { closed withDeadline onTime slaCompliance averageHours medianHours p90Hours }
      backlog { open averageAgeDays atRisk breached }
      atRisk(first: 50) { trackingCode procedureTitle(lang: $lang) channel status slaState submittedAt dueAt }
      trend { date submitted closed closedOnTime }
      quality { score grade targetDays components { key weight value } }
      savings { online counter post moved offlineCost onlineCost amount }
    }
  }`;

/** The map's points, in a query of their own: 2 000 points weigh most of an operation's allowed cost. */
export const GEOLOCATED: Operation<DashboardMapQuery, DashboardMapQueryVariables> = /* GraphQL */ `
  query DashboardMap($from: String, $to: String, $lang: Lang) {
    dashboard(from: $from, to: $to) {
      geolocated(first: 2000) { trackingCode procedureKey procedureTitle(lang: $lang) channel status slaState latitude longitude }
    }
  }`;

export const DASHBOARD_CSV: Operation<DashboardCsvQuery, DashboardCsvQueryVariables> = /* GraphQL */ `
  query DashboardCsv($from: String, $to: String, $interval: TrendInterval) {
    dashboard(from: $from, to: $to, interval: $interval) { csv }
  }`;

export type MetricsSettings = MetricsSettingsFieldsFragment;

const SETTINGS_FIELDS = /* GraphQL */ `
  fragment MetricsSettingsFields on MetricsSettings {
    counterCost postCost onlineCost baselineOnlineShare qosTargetDays mapTileUrl mapBackground
  }`;

export const METRICS_SETTINGS: Operation<MetricsSettingsQuery, MetricsSettingsQueryVariables> =
  /* GraphQL */ `query MetricsSettings { metricsSettings { ...MetricsSettingsFields } }
  ${SETTINGS_FIELDS}`;

export const UPDATE_METRICS_SETTINGS: Operation<UpdateMetricsSettingsMutation, UpdateMetricsSettingsMutationVariables> =
  /* GraphQL */ `
  mutation UpdateMetricsSettings($input: MetricsSettingsInput!) {
    updateMetricsSettings(input: $input) { ...MetricsSettingsFields }
  }
  ${SETTINGS_FIELDS}`;

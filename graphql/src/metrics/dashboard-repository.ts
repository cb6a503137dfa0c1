import type { Db } from '../common/database.ts';
import { dayAfter, type Period, type TrendInterval } from './period.ts';

/** A count under a label (a status, a channel, a procedure, a department). */
export interface CountRow {
  key: string | null;
  label_fr: string | null;
  label_en: string | null;
  count: number;
}

export interface ClosedRow {
  closed: number;
  with_deadline: number;
  on_time: number;
  average_hours: number | null;
  median_hours: number | null;
  p90_hours: number | null;
}

export interface BacklogRow {
  open: number;
  average_age_days: number | null;
  oldest_submitted_at: Date | null;
  at_risk: number;
  breached: number;
}

export interface AtRiskRow {
  tracking_code: string;
  procedure_key: string;
  title_fr: string;
  title_en: string;
  channel: string;
  status: string;
  sla_state: string;
  submitted_at: Date;
  due_at: Date | null;
}

export interface TrendRow {
  bucket: string;
  submitted: number;
  closed: number;
  on_time: number;
}

export interface GeoRow {
  tracking_code: string;
  procedure_key: string;
  title_fr: string;
  title_en: string;
  channel: string;
  status: string;
  sla_state: string;
  latitude: number;
  longitude: number;
}

const OPEN = ['submitted', 'inProgress'];
const NUMBER = '^-?[0-9]+(\\.[0-9]+)?$';

/**
 * The figures of a municipality's dashboard. Each query names the municipality besides row-level
 * security, so that the planner uses the (municipality_id, …) indexes: requests_by_date for a
 * period of submissions, requests_closed for closings, requests_municipality_status for the
 * backlog, requests_sla for the requests at risk.
 */
export function dashboardRepository(db: Db, municipalityId: string, timeZone: string, period: Period) {
  const start = db`(${period.from}::date::timestamp at time zone ${timeZone})`;
  const end = db`(${dayAfter(period)}::date::timestamp at time zone ${timeZone})`;
  const submittedIn = db`r.municipality_id = ${municipalityId} and r.submitted_at >= ${start} and r.submitted_at < ${end}`;
  const closedIn = db`r.municipality_id = ${municipalityId} and r.closed_at >= ${start} and r.closed_at < ${end}
    and r.closed_at is not null and r.status = 'closed'`;
  const procedures = db`join procedure_versions v on v.id = r.procedure_version_id
    join procedures p on p.municipality_id = v.municipality_id and p.key = v.procedure_key`;
  const seconds = db`extract(epoch from r.closed_at - r.submitted_at)`;

  return {
    /** Requests submitted in the period, by a column of their own (status or channel). */
    by(column: 'status' | 'channel') {
      return db<CountRow[]>`select r.${db(column)} as key, null as label_fr, null as label_en, count(*)::int as count
        from requests r where ${submittedIn} group by 1 order by count desc, key`;
    },
    /** Requests submitted in the period, by procedure. */
    byProcedure() {
      return db<CountRow[]>`select v.procedure_key as key, min(p.title_fr) as label_fr, min(p.title_en) as label_en,
          count(*)::int as count
        from requests r ${procedures} where ${submittedIn} group by 1 order by count desc, key`;
    },
    /**
     * Requests submitted in the period, by the department of the groups their tasks went to (a
     * group without a department counts under its own name; a request without a task, under its
     * procedure's department). A request handled by two departments counts in both.
     */
    byDepartment() {
      return db<CountRow[]>`select coalesce(d.name, g.name, grp.key, p.department) as key,
          null as label_fr, null as label_en, count(distinct r.id)::int as count
        from requests r ${procedures}
          left join lateral (select distinct unnest(t.candidate_groups) as key from tasks t
            where t.municipality_id = r.municipality_id and t.request_id = r.id) as grp on true
          left join agent_groups g on g.municipality_id = r.municipality_id and g.key = grp.key
          left join departments d on d.id = g.department_id
        where ${submittedIn} group by 1 order by count desc, key nulls last`;
    },
    /** Requests closed in the period: how many, how many on time, how long they took. */
    async closed() {
      const [row] = await db<ClosedRow[]>`select count(*)::int as closed,
          count(*) filter (where r.due_at is not null)::int as with_deadline,
          count(*) filter (where r.due_at is not null and r.closed_at <= r.due_at)::int as on_time,
          (avg(${seconds}) / 3600)::float8 as average_hours,
          (percentile_cont(0.5) within group (order by ${seconds}) / 3600)::float8 as median_hours,
          (percentile_cont(0.9) within group (order by ${seconds}) / 3600)::float8 as p90_hours
        from requests r where ${closedIn}`;
      return row!;
    },
    /** Requests open now, whatever the period: how many, how old, how many at risk or late. */
    async backlog() {
      const [row] = await db<BacklogRow[]>`select count(*)::int as open,
          (avg(extract(epoch from now() - r.submitted_at)) / 86400)::float8 as average_age_days,
          min(r.submitted_at) as oldest_submitted_at,
          count(*) filter (where r.sla_state = 'atRisk')::int as at_risk,
          count(*) filter (where r.sla_state = 'breached')::int as breached
        from requests r where r.municipality_id = ${municipalityId} and r.status in ${db(OPEN)}`;
      return row!;
    },
    /** Open requests at risk or past their deadline, the most urgent first. */
    atRisk(limit: number) {
      return db<AtRiskRow[]>`select r.tracking_code, v.procedure_key, p.title_fr, p.title_en, r.channel, r.status,
          r.sla_state, r.submitted_at, r.due_at
        from requests r ${procedures}
        where r.municipality_id = ${municipalityId} and r.status <> 'closed' and r.status <> 'failed'
          and r.sla_state in ('atRisk', 'breached')
        order by r.due_at nulls last, r.submitted_at limit ${limit}`;
    },
    /** Requests submitted, closed and closed on time per day or week (Monday) of the period. */
    trend(interval: TrendInterval) {
      const unit = interval;
      const bucketOf = (column: 'submitted_at' | 'closed_at') =>
        db`date_trunc(${unit}, r.${db(column)} at time zone ${timeZone})`;
      return db<TrendRow[]>`select to_char(b.bucket, 'YYYY-MM-DD') as bucket,
          coalesce(s.n, 0)::int as submitted, coalesce(c.n, 0)::int as closed, coalesce(c.on_time, 0)::int as on_time
        from generate_series(date_trunc(${unit}, ${period.from}::date::timestamp),
          date_trunc(${unit}, ${period.to}::date::timestamp), ${`1 ${unit}`}::interval) as b(bucket)
        left join (select ${bucketOf('submitted_at')} as bucket, count(*) as n
          from requests r where ${submittedIn} group by 1) s on s.bucket = b.bucket
        left join (select ${bucketOf('closed_at')} as bucket, count(*) as n,
            count(*) filter (where r.due_at is not null and r.closed_at <= r.due_at) as on_time
          from requests r where ${closedIn} group by 1) c on c.bucket = b.bucket
        order by b.bucket`;
    },
    /** Requests of the period that carry a place: `latitude`/`longitude`, or `place.latitude`/`place.longitude`. */
    geolocated(limit: number) {
      const coordinate = (name: 'latitude' | 'longitude') =>
        db`coalesce(r.data->>${name}, r.data#>>${`{place,${name}}`})`;
      return db<GeoRow[]>`select * from (
          select r.tracking_code, v.procedure_key, p.title_fr, p.title_en, r.channel, r.status, r.sla_state,
            case when ${coordinate('latitude')} ~ ${NUMBER} then ${coordinate('latitude')}::float8 end as latitude,
            case when ${coordinate('longitude')} ~ ${NUMBER} then ${coordinate('longitude')}::float8 end as longitude
          from requests r ${procedures} where ${submittedIn}) g
        where latitude between -90 and 90 and longitude between -180 and 180
        order by tracking_code limit ${limit}`;
    },
  };
}

/** The municipality's time zone, for calendar days. */
export async function municipalityTimeZone(db: Db, municipalityId: string): Promise<string> {
  const [row] = await db<{ time_zone: string }[]>`select time_zone from municipalities where id = ${municipalityId}`;
  return row?.time_zone ?? 'Europe/Paris';
}

/** Today in the municipality's time zone, YYYY-MM-DD. */
export async function today(db: Db, timeZone: string): Promise<string> {
  const [row] = await db<{ day: string }[]>`select to_char(now() at time zone ${timeZone}, 'YYYY-MM-DD') as day`;
  return row!.day;
}

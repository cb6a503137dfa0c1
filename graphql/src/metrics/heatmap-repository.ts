import type { Db } from '../common/database.ts';

// Where a procedure version's requests wait (issue 21, point 3), read from the tasks the workflow
// projects (project-step.ts): a request waits in a town hall at its tasks — timers and service
// tasks pass without anyone holding them, and their moments are on the request's own diagram. The
// same rows give the request's path on its diagram (operations/request-diagram.ts), so the heatmap
// and a request's path count the same passages. A passage belongs to the period it started in.

/** The version a heatmap is drawn on. */
export interface HeatmapVersion {
  id: string;
  procedure_key: string;
  version: number;
  bpmn: string;
  title_fr: string;
  title_en: string;
}

/** One element of the diagram: how many requests passed it in the period, and how long they stayed. */
export interface HeatmapElementRow {
  element_id: string;
  name: string | null;
  /** requests that entered it in the period */
  requests: number;
  /** of those, still there now */
  waiting: number;
  /** median hours spent, over the passages that ended; null when none ended */
  median_hours: number | null;
  /** 90th percentile of the same */
  p90_hours: number | null;
  /** passages that ended past their deadline, or are still open past it */
  deadlines_missed: number;
}

/** The load of one group or one agent over the period's tasks of this version. */
export interface TaskLoadRow {
  /** the group's name, or the agent's display name */
  key: string;
  /** open now (for an agent: assigned to them) */
  open: number;
  /** completed in the period */
  completed: number;
  median_hours: number | null;
  deadlines_missed: number;
}

// A task misses its deadline when it ends after it, is still open past it, or its SLA said so.
const missed = (db: Db) =>
  db`(t.sla_state = 'breached' or (t.due_at is not null and coalesce(t.closed_at, now()) > t.due_at))`;
const hours = (db: Db) => db`extract(epoch from (t.closed_at - t.opened_at)) / 3600.0`;

export function heatmapRepository(db: Db) {
  /** The period's tasks of one version: the town's tasks of the period, then those of the version's requests. */
  const passages = (versionId: string, from: string, until: string, timeZone: string) =>
    db`select t.element_id, t.name, t.request_id, t.status, t.opened_at, t.closed_at, t.due_at, t.sla_state,
        t.candidate_groups, t.assignee, t.completed_by
      from tasks t
      where t.opened_at >= (${from}::date)::timestamp at time zone ${timeZone}
        and t.opened_at < (${until}::date)::timestamp at time zone ${timeZone}
        -- the version's requests hashed once (requests_by_version; a task opens after its request
        -- is submitted): a lookup of each task's request cost more than the rest of the heatmap
        and t.request_id in (select r.id from requests r where r.procedure_version_id = ${versionId}
          and r.submitted_at < (${until}::date)::timestamp at time zone ${timeZone})`;

  return {
    /** The procedure's version, the latest when none is named; undefined when unknown. */
    async version(procedureKey: string, version: number | null | undefined): Promise<HeatmapVersion | undefined> {
      const [row] = await db<HeatmapVersion[]>`select v.id, v.procedure_key, v.version, v.bpmn, p.title_fr, p.title_en
        from procedure_versions v join procedures p on p.municipality_id = v.municipality_id and p.key = v.procedure_key
        where v.procedure_key = ${procedureKey} ${version == null ? db`` : db`and v.version = ${version}`}
        order by v.version desc limit 1`;
      return row;
    },

    /**
     * Per element, per candidate group and per agent, over the passages that started in
     * [from, until) (days in the town's time zone): the passages read once, grouped three ways in one
     * statement (three statements read them three times: 3 × 0.4 s for a town's 20,000 under load).
     */
    async figures(versionId: string, from: string, until: string, timeZone: string) {
      const rows = await db<(HeatmapElementRow & TaskLoadRow & { section: 'element' | 'group' | 'agent' })[]>`
        with t as materialized (${passages(versionId, from, until, timeZone)}),
          -- the town's agents read once and hashed, not looked up again for each task
          a as materialized (select id::text as id, display_name from agents)
        select 'element' as section, t.element_id as key, min(t.name) as name,
          count(distinct t.request_id)::int as requests,
          count(*) filter (where t.closed_at is null)::int as waiting,
          0 as open, 0 as completed,
          -- both percentiles from one sort
          (percentile_cont(array[0.5, 0.9]) within group (order by ${hours(db)}) filter (where t.closed_at is not null))[1]::float8 as median_hours,
          (percentile_cont(array[0.5, 0.9]) within group (order by ${hours(db)}) filter (where t.closed_at is not null))[2]::float8 as p90_hours,
          count(*) filter (where ${missed(db)})::int as deadlines_missed
        from t group by t.element_id
        union all
        select 'group', g.name, null, 0, 0,
          count(*) filter (where t.status = 'open')::int, count(*) filter (where t.status = 'completed')::int,
          (percentile_cont(0.5) within group (order by ${hours(db)}) filter (where t.status = 'completed'))::float8, null,
          count(*) filter (where ${missed(db)})::int
        from t, unnest(t.candidate_groups) as g(name) group by g.name
        union all
        -- an agent: the tasks they completed, and those assigned to them still open
        select 'agent', coalesce(t.completed_by, a.display_name), null, 0, 0,
          count(*) filter (where t.status = 'open')::int, count(*) filter (where t.status = 'completed')::int,
          (percentile_cont(0.5) within group (order by ${hours(db)}) filter (where t.status = 'completed'))::float8, null,
          count(*) filter (where ${missed(db)})::int
        from t left join a on a.id = t.assignee
        where (t.status = 'completed' and t.completed_by is not null) or (t.status = 'open' and a.id is not null)
        group by 2`;
      const busiest = (a: TaskLoadRow, b: TaskLoadRow) =>
        b.open - a.open || b.completed - a.completed || a.key.localeCompare(b.key);
      const load = ({ key, open, completed, median_hours, deadlines_missed }: TaskLoadRow) => ({
        key,
        open,
        completed,
        median_hours,
        deadlines_missed,
      });
      return {
        elements: rows
          .filter((r) => r.section === 'element')
          .map(({ key, name, requests, waiting, median_hours, p90_hours, deadlines_missed }) => ({
            element_id: key,
            name,
            requests,
            waiting,
            median_hours,
            p90_hours,
            deadlines_missed,
          }))
          .sort((a, b) => b.requests - a.requests || a.element_id.localeCompare(b.element_id)),
        groups: rows
          .filter((r) => r.section === 'group')
          .map(load)
          .sort(busiest),
        agents: rows
          .filter((r) => r.section === 'agent')
          .map(load)
          .sort(busiest),
      };
    },
  };
}

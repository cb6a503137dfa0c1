import type { Db } from '../common/database.ts';

export interface MetricsRow {
  submitted: number;
  closed: number;
  open: number;
  breached: number;
  at_risk: number;
  closed_on_time: number;
  median_hours_to_close: number | null;
  by_channel: { channel: string; count: number }[] | null;
  by_status: { status: string; count: number }[] | null;
}

/** Summary figures of the transaction's municipality over requests submitted in a period (the dashboard has more). */
export async function municipalityMetrics(db: Db, from: Date, to: Date): Promise<MetricsRow> {
  const [row] = await db<MetricsRow[]>`
    with period as (
      select channel, status, sla_state, due_at, submitted_at, closed_at from requests
      where municipality_id = parvis_municipality() and submitted_at >= ${from} and submitted_at < ${to}
    )
    select
      count(*)::int as submitted,
      count(*) filter (where status = 'closed')::int as closed,
      count(*) filter (where status <> 'closed')::int as open,
      count(*) filter (where sla_state = 'breached')::int as breached,
      count(*) filter (where sla_state = 'atRisk')::int as at_risk,
      count(*) filter (where status = 'closed' and (due_at is null or closed_at <= due_at))::int as closed_on_time,
      (percentile_cont(0.5) within group (order by extract(epoch from closed_at - submitted_at) / 3600)
        filter (where closed_at is not null))::float as median_hours_to_close,
      (select json_agg(json_build_object('channel', channel, 'count', n) order by n desc)
        from (select channel, count(*)::int as n from period group by channel) c) as by_channel,
      (select json_agg(json_build_object('status', status, 'count', n) order by n desc)
        from (select status, count(*)::int as n from period group by status) s) as by_status
    from period`;
  return row!;
}

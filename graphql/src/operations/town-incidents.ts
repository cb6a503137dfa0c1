import type { ApiContext } from '../common/context.ts';
import { userError } from '../common/errors.ts';
import { requireIncidentWatcher } from './monitor-access.ts';

export interface IncidentFilterArgs {
  procedure?: string | null;
  elementId?: string | null;
  code?: string | null;
  /** open incidents (the default), or those resolved too */
  includeResolved?: boolean | null;
  /** opened before this instant (ISO 8601): "stuck since more than…" */
  openedBefore?: string | null;
}

export interface TownIncidentRow {
  incident_id: string;
  tracking_code: string;
  procedure_key: string;
  procedure_title_fr: string;
  procedure_title_en: string;
  version: number;
  element_id: string;
  code: string;
  message: string;
  opened_at: Date;
  resolved_at: Date | null;
  resolved_by: string | null;
}

export interface IncidentProcedureRow {
  key: string;
  title_fr: string;
  title_en: string;
  open: number;
}

function instant(value: string, field: string): string {
  if (Number.isNaN(Date.parse(value)))
    throw userError(
      'BAD_USER_INPUT',
      `${field} doit être une date ISO 8601 (${value}). / ${field} must be an ISO 8601 date (${value}).`,
      { field },
    );
  return value;
}

/**
 * The town's incidents, oldest first (the longest stuck lead), with their request and procedure; the
 * open ones by procedure, for the filter. Row-level security keeps every other town's out.
 */
export async function townIncidents(ctx: ApiContext, filter: IncidentFilterArgs, first: number) {
  // first: 1 to 200, checked for every list by common/limits.ts ('Query.incidents')
  const agent = requireIncidentWatcher(ctx);
  const openedBefore = filter.openedBefore ? instant(filter.openedBefore, 'openedBefore') : null;
  return ctx.db.within(agent.municipalityId, async (tx) => {
    const where = tx`(${filter.includeResolved ?? false} or i.resolved_at is null)
      and (${filter.procedure ?? null}::text is null or v.procedure_key = ${filter.procedure ?? null})
      and (${filter.elementId ?? null}::text is null or i.element_id = ${filter.elementId ?? null})
      and (${filter.code ?? null}::text is null or i.code = ${filter.code ?? null})
      and (${openedBefore}::timestamptz is null or i.opened_at < ${openedBefore})`;
    const from = tx`request_incidents i join requests r on r.id = i.request_id
      join procedure_versions v on v.id = r.procedure_version_id
      join procedures p on p.municipality_id = v.municipality_id and p.key = v.procedure_key`;
    const [items, [counted], procedures] = await Promise.all([
      tx<TownIncidentRow[]>`select i.incident_id, r.tracking_code, v.procedure_key, p.title_fr as procedure_title_fr,
          p.title_en as procedure_title_en, v.version, i.element_id, i.code, i.message, i.opened_at, i.resolved_at, i.resolved_by
        from ${from} where ${where} order by i.opened_at, r.tracking_code, i.incident_id limit ${first}`,
      tx<{ total: number }[]>`select count(*)::int as total from ${from} where ${where}`,
      tx<IncidentProcedureRow[]>`
        select p.key, p.title_fr, p.title_en, count(*)::int as open from ${from}
        where i.resolved_at is null group by p.key, p.title_fr, p.title_en order by p.title_fr`,
    ]);
    return { items, total: counted?.total ?? 0, procedures };
  });
}

import type { SignedInAgent } from '../../common/context.ts';
import type { Db } from '../../common/database.ts';
import type { Lang } from '../../documents/dates.ts';
import { listCondition, listOrder } from '../list.ts';
import type { RequestFilter, RequestSort } from '../list-filter.ts';
import { requestsWithProcedure } from '../repository.ts';
import type { ExportRow } from './export-columns.ts';

/** The most rows one export holds: past it the agent is asked to narrow the filters. */
export const EXPORT_MAX_ROWS = 50_000;
/** Rows read from PostgreSQL at a time while the file is written. */
const BATCH_ROWS = 1_000;

const localTime = (db: Db, column: string, timeZone: string) =>
  db`to_char(r.${db(column)} at time zone ${timeZone}, 'YYYY-MM-DD"T"HH24:MI:SS')`;

/**
 * The requests of the list (the same filter, access rule and order as the requests query) for an
 * export: `count` says how many (up to one past the most), `each` hands them over batch by batch
 * from a cursor, in one transaction, so that the file streams.
 */
export async function exportRows(db: Db, agent: SignedInAgent, filter: RequestFilter, sort: RequestSort, lang: Lang) {
  const { where: shown } = await listCondition(db, agent, filter);
  const where = db`r.municipality_id = ${agent.municipalityId} and ${shown}`;
  return {
    async count(): Promise<number> {
      const [row] = await db<
        { count: number }[]
      >`select count(*)::int as count from (select 1 from ${requestsWithProcedure(db)}
        where ${where} limit ${EXPORT_MAX_ROWS + 1}) as matching`;
      return row!.count;
    },
    async each(timeZone: string, take: (rows: ExportRow[]) => Promise<void>): Promise<void> {
      const title = lang === 'en' ? db`p.title_en` : db`p.title_fr`;
      await db<ExportRow[]>`select r.tracking_code, ${title} as procedure_title, r.channel, r.status,
          ${localTime(db, 'submitted_at', timeZone)} as submitted_at, ${localTime(db, 'due_at', timeZone)} as due_at,
          r.sla_state, ${localTime(db, 'closed_at', timeZone)} as closed_at,
          (select string_agg(distinct a.display_name, ', ') from tasks h join agents a on a.id::text = h.assignee
            where h.request_id = r.id and h.status = 'open') as held_by,
          (select string_agg(distinct g, ', ') from tasks h, unnest(h.candidate_groups) as g
            where h.request_id = r.id and h.status = 'open') as groups,
          r.place_latitude, r.place_longitude
        from ${requestsWithProcedure(db)}
        where ${where}
        order by ${listOrder(db, sort)} limit ${EXPORT_MAX_ROWS}`.cursor(BATCH_ROWS, take);
    },
  };
}

import type { Db } from '../common/database.ts';

export interface ReportRow {
  id: string;
  tracking_code: string;
  procedure_key: string;
  title_fr: string;
  status: string;
  submitted_at: Date;
  updated_at: Date;
  due_at: Date | null;
  latitude: number | null;
  longitude: number | null;
  address: string | null;
  address_id: string | null;
  /** the latest reply an agent wrote to the citizen in the conversation */
  status_notes: string | null;
  /** the department (else group) of the request's latest task, else the procedure's department */
  agency: string | null;
  /** the photo the app sent with the report, stored */
  media_file_id: string | null;
  /** the address of a photo the app keeps itself */
  media_url: string | null;
}

export interface ReportFilter {
  /** tracking codes: when given, every other criterion is ignored (GeoReport) */
  codes?: string[];
  serviceCodes?: string[];
  statuses?: ('open' | 'closed')[];
  from?: Date;
  to?: Date;
}

/** Reports filed through Open311 in the transaction's municipality: only those, and no personal data. */
export function reportRepository(db: Db) {
  return {
    list(filter: ReportFilter, limit: number) {
      const statuses = filter.statuses ?? [];
      const conditions = filter.codes
        ? [db`r.tracking_code = any(${filter.codes})`]
        : [
            filter.serviceCodes ? db`v.procedure_key = any(${filter.serviceCodes})` : null,
            statuses.length === 1
              ? statuses[0] === 'open'
                ? db`r.status not in ('closed', 'failed')`
                : db`r.status in ('closed', 'failed')`
              : null,
            filter.from ? db`r.submitted_at >= ${filter.from}` : null,
            filter.to ? db`r.submitted_at <= ${filter.to}` : null,
          ].filter((c) => c !== null);
      const where = conditions.reduce((all, one) => db`${all} and ${one}`, db`r.channel = 'open311'`);
      return db<ReportRow[]>`select r.id, r.tracking_code, v.procedure_key, p.title_fr,
          case when r.status in ('closed', 'failed') then 'closed' else 'open' end as status, r.submitted_at, r.due_at,
          -- a closed request's is the day it closed (GeoReport), an open one's its latest step or reply
          coalesce(r.closed_at, greatest(r.submitted_at,
            (select max(e.occurred_at) from timeline_events e where e.request_id = r.id),
            (select max(m.created_at) from conversation_messages m where m.request_id = r.id and m.side = 'townHall')
          )) as updated_at,
          r.place_latitude as latitude, r.place_longitude as longitude,
          nullif(r.data->>'address', '') as address, r.data->>'addressId' as address_id,
          (select m.body from conversation_messages m
            where m.request_id = r.id and m.side = 'townHall' and m.author_agent_id is not null
            order by m.created_at desc limit 1) as status_notes,
          coalesce((select coalesce(d.name, g.name) from tasks t
              join agent_groups g on g.key = any(t.candidate_groups)
              left join departments d on d.id = g.department_id
              where t.request_id = r.id order by t.opened_at desc limit 1), p.department) as agency,
          (select f.id from stored_files f where f.request_id = r.id and f.channel = 'open311'
            order by f.uploaded_at limit 1) as media_file_id,
          r.data->>'mediaUrl' as media_url
        from requests r
        join procedure_versions v on v.id = r.procedure_version_id
        join procedures p on p.municipality_id = v.municipality_id and p.key = v.procedure_key
        where ${where} order by r.submitted_at desc limit ${limit}`;
    },

    /** Whether a report filed through Open311 has this tracking code. */
    async exists(code: string) {
      const [row] = await db`select 1 from requests where tracking_code = ${code} and channel = 'open311'`;
      return row !== undefined;
    },

    /** A photo an app sent with a report, to show it to anyone (it came to be public). */
    async media(id: string) {
      const [row] = await db<{ name: string; content_type: string; content: Buffer }[]>`
        select f.name, f.content_type, f.content from stored_files f join requests r on r.id = f.request_id
        where f.id = ${id} and f.channel = 'open311' and r.channel = 'open311'`;
      return row;
    },
  };
}

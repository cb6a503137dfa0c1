import type { Db } from '../common/database.ts';

export interface ReportRow {
  tracking_code: string;
  procedure_key: string;
  title_fr: string;
  status: string;
  submitted_at: Date;
  closed_at: Date | null;
  due_at: Date | null;
  latitude: number | null;
  longitude: number | null;
  address: string | null;
}

export interface ReportFilter {
  codes?: string[];
  serviceCode?: string;
  open?: boolean;
  from?: Date;
  to?: Date;
}

/** Reports filed through Open311 in the transaction's municipality: only those, and no personal data. */
export function reportRepository(db: Db) {
  return {
    list(filter: ReportFilter, limit: number) {
      const conditions = [
        filter.codes ? db`r.tracking_code = any(${filter.codes})` : null,
        filter.serviceCode ? db`v.procedure_key = ${filter.serviceCode}` : null,
        filter.open === undefined ? null : filter.open ? db`r.status <> 'closed'` : db`r.status = 'closed'`,
        filter.from ? db`r.submitted_at >= ${filter.from}` : null,
        filter.to ? db`r.submitted_at < ${filter.to}` : null,
      ].filter((c) => c !== null);
      const where = conditions.reduce((all, one) => db`${all} and ${one}`, db`r.channel = 'open311'`);
      return db<ReportRow[]>`select r.tracking_code, v.procedure_key, p.title_fr, r.status, r.submitted_at, r.closed_at,
          r.due_at, (r.data->>'latitude')::float8 as latitude, (r.data->>'longitude')::float8 as longitude,
          r.data->>'address' as address
        from requests r
        join procedure_versions v on v.id = r.procedure_version_id
        join procedures p on p.municipality_id = v.municipality_id and p.key = v.procedure_key
        where ${where} order by r.submitted_at desc limit ${limit}`;
    },
  };
}

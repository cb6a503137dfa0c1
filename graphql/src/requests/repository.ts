import type { Fragment } from 'postgres';
import type { Db } from '../common/database.ts';

export interface RequestRow {
  id: string;
  municipality_id: string;
  tracking_code: string;
  procedure_key: string;
  procedure_title_fr: string;
  procedure_title_en: string;
  version: number;
  channel: string;
  status: string;
  data: Record<string, unknown>;
  citizen_email: string | null;
  citizen_id: string | null;
  workflow_id: string;
  submitted_at: Date;
  closed_at: Date | null;
}

export interface TimelineRow {
  position: number;
  kind: string;
  payload: Record<string, unknown>;
  occurred_at: Date;
  hash: string;
}

/** Requests (alias `r`) with the version they run on (`v`) and its procedure (`p`), as SQL to select from. */
export const requestsWithProcedure = (db: Db) => db`requests r
  join procedure_versions v on v.id = r.procedure_version_id
  join procedures p on p.municipality_id = v.municipality_id and p.key = v.procedure_key`;

/** Requests of the transaction's municipality (row-level security keeps the others out). */
export function requestRepository(db: Db) {
  const columns = db`r.id, r.municipality_id, r.tracking_code, v.procedure_key, p.title_fr as procedure_title_fr,
    p.title_en as procedure_title_en, v.version, r.channel, r.status, r.data, r.citizen_email, r.citizen_id, r.workflow_id,
    r.submitted_at, r.closed_at`;
  const from = requestsWithProcedure(db);
  return {
    /** A request by tracking code, if it also meets `shown` (a condition on `r`, such as requestShownTo). */
    async byTrackingCode(trackingCode: string, shown: Fragment = db`true`) {
      const [row] = await db<RequestRow[]>`select ${columns} from ${from}
        where r.tracking_code = ${trackingCode} and ${shown}`;
      return row;
    },
    byIds(ids: string[]) {
      return db<RequestRow[]>`select ${columns} from ${from} where r.id = any(${ids}::uuid[])`;
    },
    /**
     * Requests matching a condition on `r` alone, built by the caller from bound fragments, in the
     * given order, with `extra` columns. The page is cut from the requests before their procedure is
     * joined, so that the planner walks a town's requests in order rather than gathering them all
     * per version of its procedures.
     */
    page<Row extends RequestRow = RequestRow>(where: Fragment, sort: Fragment, limit: number, extra: Fragment = db``) {
      return db<Row[]>`select ${columns} ${extra}
        from (select * from requests r where ${where} order by ${sort} limit ${limit}) r
          join procedure_versions v on v.id = r.procedure_version_id
          join procedures p on p.municipality_id = v.municipality_id and p.key = v.procedure_key
        order by ${sort}`;
    },
    /** A citizen's requests, newest first. */
    byCitizen(citizenId: string) {
      return db<RequestRow[]>`select ${columns} from ${from} where r.citizen_id = ${citizenId}
        order by r.submitted_at desc, r.id desc`;
    },
    timeline(requestId: string) {
      return db<TimelineRow[]>`select position, kind, payload, occurred_at, hash from timeline_events
        where request_id = ${requestId} order by position`;
    },
  };
}

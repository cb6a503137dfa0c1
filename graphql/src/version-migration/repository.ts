import type { Json, ProcedureTexts, ProcessIR } from '@parvis/engine';
import type { Db } from '../common/database.ts';

/** A version of a procedure, with what a request runs from it. */
export interface MigrationVersionRow {
  id: string;
  version: number;
  ir: ProcessIR;
  forms: Record<string, Json>;
  texts: ProcedureTexts;
}

/** A request a migration may concern. */
export interface MigratingRequestRow {
  id: string;
  municipality_id: string;
  tracking_code: string;
  workflow_id: string;
  procedure_version_id: string;
  /** its version's number (of the same procedure) */
  version: number;
  procedure_key: string;
  closed: boolean;
}

/** The most requests one dry run or one move takes, oldest first; the rest wait for the next. */
export const MAX_MIGRATING_REQUESTS = 500;

/** The SQL of migrations between versions, on a connection sealed to the town. */
export function migrationRepository(db: Db) {
  return {
    async version(procedureKey: string, version: number): Promise<MigrationVersionRow | undefined> {
      const [row] = await db<MigrationVersionRow[]>`select id, version, ir, forms, texts from procedure_versions
        where procedure_key = ${procedureKey} and version = ${version}`;
      return row;
    },
    /** The running requests of a version, oldest first, and how many there are. */
    async running(versionId: string): Promise<{ rows: MigratingRequestRow[]; total: number }> {
      const rows = await db<(MigratingRequestRow & { total: number })[]>`
        select r.id, r.municipality_id, r.tracking_code, r.workflow_id, r.procedure_version_id, v.version,
          v.procedure_key, false as closed, count(*) over ()::int as total
        from requests r join procedure_versions v on v.id = r.procedure_version_id
        where r.procedure_version_id = ${versionId} and r.closed_at is null
        order by r.submitted_at, r.id limit ${MAX_MIGRATING_REQUESTS}`;
      return { rows, total: rows[0]?.total ?? 0 };
    },
    /** Requests named by their tracking codes, wherever they stand. */
    async byTrackingCodes(codes: string[]): Promise<MigratingRequestRow[]> {
      return db<MigratingRequestRow[]>`
        select r.id, r.municipality_id, r.tracking_code, r.workflow_id, r.procedure_version_id, v.version,
          v.procedure_key, r.closed_at is not null as closed
        from requests r join procedure_versions v on v.id = r.procedure_version_id
        where r.tracking_code = any(${codes}::text[])`;
    },
    /** A moved request's open tasks name the new version's elements. */
    async renameTaskElements(requestId: string, mapping: Record<string, string>) {
      const pairs = Object.entries(mapping).filter(([from, to]) => from !== to);
      if (pairs.length === 0) return;
      await db`update tasks t set element_id = m.to_id
        from (select unnest(${pairs.map(([from]) => from)}::text[]) as from_id, unnest(${pairs.map(([, to]) => to)}::text[]) as to_id) m
        where t.request_id = ${requestId} and t.status = 'open' and t.element_id = m.from_id`;
    },
  };
}

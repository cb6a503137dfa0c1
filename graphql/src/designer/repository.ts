import type { Json } from '@parvis/engine';
import type { Db } from '../common/database.ts';

export interface DesignerProcedureRow {
  key: string;
  title_fr: string;
  title_en: string;
  description_fr: string;
  description_en: string;
  audience: string[];
  department: string | null;
  published: boolean;
  updated_at: Date;
  latest_version: number | null;
}

export interface VersionInfoRow {
  procedure_key: string;
  version: number;
  hash: string;
  deployed_at: Date;
  deployed_by: string;
  deployed_by_name: string | null;
  request_count: number;
}

export interface VersionSourceRow extends VersionInfoRow {
  bpmn: string;
  decisions: { name: string; xml: string }[];
  forms: Record<string, Json>;
  texts: Record<string, Json>;
}

/** Left out or null: unchanged (department: null clears it). */
export interface ProcedureMetadata {
  titleFr?: string | null;
  titleEn?: string | null;
  descriptionFr?: string | null;
  descriptionEn?: string | null;
  audience?: string[] | null;
  department?: string | null;
  published?: boolean | null;
}

const VERSION_INFO = (db: Db) => db`v.procedure_key, v.version, v.hash, v.deployed_at, v.deployed_by,
  (select a.display_name from agents a where a.email = v.deployed_by) as deployed_by_name,
  (select count(*)::int from requests r where r.procedure_version_id = v.id) as request_count`;

/** Procedures and their versions as the designer sees them, in the municipality of the transaction. */
export function designerRepository(db: Db) {
  return {
    /** Every procedure, published or not, with its latest version number. */
    procedures(key?: string) {
      return db<DesignerProcedureRow[]>`
        select p.key, p.title_fr, p.title_en, p.description_fr, p.description_en, p.audience, p.department,
          p.published, p.updated_at,
          (select max(v.version) from procedure_versions v where v.procedure_key = p.key) as latest_version
        from procedures p ${key === undefined ? db`` : db`where p.key = ${key}`}
        order by p.title_fr`;
    },
    /** The versions of a procedure, newest first, with who deployed each and when. */
    versions(key: string) {
      return db<VersionInfoRow[]>`select ${VERSION_INFO(db)} from procedure_versions v
        where v.procedure_key = ${key} order by v.version desc`;
    },
    /** One version with what it is made of; the latest when `version` is not given. */
    async source(key: string, version?: number | null) {
      const [row] = await db<VersionSourceRow[]>`select ${VERSION_INFO(db)}, v.bpmn, v.decisions, v.forms, v.texts
        from procedure_versions v where v.procedure_key = ${key}
        ${version == null ? db`` : db`and v.version = ${version}`}
        order by v.version desc limit 1`;
      return row;
    },
    /** Changes what is given of a procedure's metadata; undefined when there is no such procedure. */
    async updateMetadata(key: string, metadata: ProcedureMetadata) {
      const [row] = await db<{ key: string }[]>`update procedures set
          title_fr = coalesce(${metadata.titleFr ?? null}, title_fr),
          title_en = coalesce(${metadata.titleEn ?? null}, title_en),
          description_fr = coalesce(${metadata.descriptionFr ?? null}, description_fr),
          description_en = coalesce(${metadata.descriptionEn ?? null}, description_en),
          audience = coalesce(${metadata.audience ?? null}::text[], audience),
          department = ${metadata.department === undefined ? db`department` : metadata.department},
          published = coalesce(${metadata.published ?? null}, published),
          updated_at = now()
        where key = ${key} returning key`;
      return row;
    },
  };
}

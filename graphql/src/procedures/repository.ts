import { type Channel, type Json, openChannels, type ProcedureTexts, type ProcessIR } from '@parvis/engine';
import type { Db } from '../common/database.ts';

export interface ProcedureRow {
  municipality_id: string;
  key: string;
  title_fr: string;
  title_en: string;
  audience: string[];
  published: boolean;
  /** the department in charge, as the catalogue names it */
  department: string | null;
  description_fr: string;
}

export interface ProcedureVersionRow {
  id: string;
  procedure_key: string;
  version: number;
  ir: ProcessIR;
  forms: Record<string, Json>;
  texts: ProcedureTexts;
  deployed_at: Date;
}

/** Procedures of the transaction's municipality (row-level security keeps the others out). */
export function procedureRepository(db: Db) {
  return {
    /** Published procedures, those for an audience when one is given. */
    published(audience?: string | null) {
      return db<
        ProcedureRow[]
      >`select municipality_id, key, title_fr, title_en, audience, published, department, description_fr
        from procedures where published ${audience ? db`and ${audience} = any(audience)` : db``} order by title_fr`;
    },
    async find(key: string) {
      const [row] = await db<
        ProcedureRow[]
      >`select municipality_id, key, title_fr, title_en, audience, published, department, description_fr
        from procedures where key = ${key}`;
      return row;
    },
    async latestVersion(key: string) {
      const [row] = await db<ProcedureVersionRow[]>`select id, procedure_key, version, ir, forms, texts, deployed_at
        from procedure_versions where procedure_key = ${key}
        order by version desc limit 1`;
      return row;
    },
    /** The form-js schema of a version's start form, if it has one. */
    async startForm(key: string, version: number) {
      const [row] = await db<{ form: Json | null }[]>`select forms -> (ir ->> 'startFormId') as form
        from procedure_versions where procedure_key = ${key} and version = ${version}`;
      return row?.form ?? null;
    },
    /** The latest version of each procedure named. */
    latestVersions(keys: string[]) {
      return db<
        ProcedureVersionRow[]
      >`select distinct on (procedure_key) id, procedure_key, version, ir, forms, deployed_at
        from procedure_versions where procedure_key = any(${keys})
        order by procedure_key, version desc`;
    },
  };
}

/**
 * The published procedures (or the one named) whose latest version takes requests through
 * `channel`, each with that version: the web catalogue's pages and sitemap, Open311's services.
 */
export async function proceduresOpenTo(db: Db, channel: Channel, key?: string) {
  const procedures = procedureRepository(db);
  const published = key
    ? [await procedures.find(key)].filter((procedure) => procedure?.published === true)
    : await procedures.published();
  const versions = new Map(
    (await procedures.latestVersions(published.map((procedure) => procedure!.key))).map((v) => [v.procedure_key, v]),
  );
  return published.flatMap((procedure) => {
    const version = versions.get(procedure!.key);
    return version && openChannels(version.ir.properties).includes(channel) ? [{ procedure: procedure!, version }] : [];
  });
}

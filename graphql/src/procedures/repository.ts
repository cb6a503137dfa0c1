import type { Json, ProcessIR } from '@parvis/engine';
import type { Sql } from 'postgres';

export interface ProcedureRow {
  key: string;
  title_fr: string;
  title_en: string;
  published: boolean;
}

export interface ProcedureVersionRow {
  id: string;
  procedure_key: string;
  version: number;
  ir: ProcessIR;
  forms: Record<string, Json>;
  deployed_at: Date;
}

export function procedureRepository(sql: Sql) {
  return {
    published(municipalityId: string) {
      return sql<ProcedureRow[]>`select key, title_fr, title_en, published from procedures
        where municipality_id = ${municipalityId} and published order by title_fr`;
    },
    async find(municipalityId: string, key: string) {
      const [row] = await sql<ProcedureRow[]>`select key, title_fr, title_en, published from procedures
        where municipality_id = ${municipalityId} and key = ${key}`;
      return row;
    },
    async latestVersion(municipalityId: string, key: string) {
      const [row] = await sql<ProcedureVersionRow[]>`select id, procedure_key, version, ir, forms, deployed_at
        from procedure_versions where municipality_id = ${municipalityId} and procedure_key = ${key}
        order by version desc limit 1`;
      return row;
    },
  };
}

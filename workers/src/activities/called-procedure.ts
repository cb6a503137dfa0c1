import type { Json, ProcedureTexts, ProcessIR } from '@parvis/engine';
import { ApplicationFailure } from '@temporalio/activity';
import type { Sql } from 'postgres';

export interface CalledProcedure {
  ir: ProcessIR;
  forms: Record<string, Json>;
  texts: ProcedureTexts;
  title: { fr: string; en: string };
}

/** The latest version of the municipality's procedure whose BPMN process id a call activity names. */
export async function loadCalledProcedure(
  sql: Sql,
  municipalityId: string,
  processId: string,
): Promise<CalledProcedure> {
  const [row] = await sql<
    { ir: ProcessIR; forms: Record<string, Json>; texts: ProcedureTexts; title_fr: string; title_en: string }[]
  >`
    select v.ir, v.forms, v.texts, p.title_fr, p.title_en
    from procedure_versions v join procedures p on p.municipality_id = v.municipality_id and p.key = v.procedure_key
    where v.municipality_id = ${municipalityId} and v.ir ->> 'processId' = ${processId}
    order by v.deployed_at desc, v.version desc limit 1`;
  if (!row) {
    throw ApplicationFailure.nonRetryable(
      `No procedure of this municipality runs the process "${processId}" that the call activity names. Deploy it, then resolve the incident.`,
      'CALLED_PROCEDURE_MISSING',
    );
  }
  return { ir: row.ir, forms: row.forms, texts: row.texts, title: { fr: row.title_fr, en: row.title_en } };
}

import { type Audience, checkProcedure, type Json, type ModelProblem, type ProcedureTexts } from '@parvis/engine';
import type { Sql } from 'postgres';
import { type DmnFile, storeVersion } from './versions.ts';

export interface ProcedureSource {
  key: string;
  title: { fr: string; en: string };
  /** who it is for; kept for a new procedure, or one whose audience is still empty */
  audience?: Audience[];
  bpmn: string;
  /** the DMN files deployed with the model (those beside it in processes/), by file name */
  decisions?: DmnFile[];
  /** form-js schemas by form id */
  forms: Record<string, Json>;
  /** notification texts by event and language, overriding the defaults */
  texts?: ProcedureTexts;
}

export class ProcedureInvalidError extends Error {
  readonly code = 'PROCEDURE_INVALID';
  constructor(
    readonly key: string,
    readonly problems: ModelProblem[],
  ) {
    super(
      `Procedure "${key}" cannot be deployed:\n${problems.map((p) => `  - ${p.elementId ? `${p.elementId}: ` : ''}${p.message}`).join('\n')}`,
    );
  }
}

/**
 * Checks a procedure (the designer's check) and stores it as a new immutable version, unless the latest version has
 * the same content. A model the engine cannot run is refused whole; nothing is stored.
 */
export async function deployProcedure(
  sql: Sql,
  municipalityId: string,
  source: ProcedureSource,
  deployedBy: string,
): Promise<{ version: number; created: boolean }> {
  const texts = source.texts ?? {};
  // The designer's and publishing's check: refused whole on any problem, nothing stored.
  const checked = await checkProcedure({ ...source, decisions: source.decisions ?? [], texts });
  if (!checked.ok) throw new ProcedureInvalidError(source.key, checked.errors);
  return sql.begin(async (tx) => {
    // An analyst's choice of audience stands; a shipped one only fills an empty list.
    await tx`insert into procedures (municipality_id, key, title_fr, title_en, audience)
      values (${municipalityId}, ${source.key}, ${source.title.fr}, ${source.title.en}, ${source.audience ?? []}::text[])
      on conflict (municipality_id, key) do update set title_fr = excluded.title_fr, title_en = excluded.title_en,
        audience = case when procedures.audience = '{}' then excluded.audience else procedures.audience end`;
    return storeVersion(
      tx,
      municipalityId,
      source.key,
      { bpmn: source.bpmn, ir: checked.ir, forms: checked.forms, texts, decisions: source.decisions ?? [] },
      deployedBy,
    );
  });
}

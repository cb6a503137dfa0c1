import { canonicalJson, type Json, type ProcessIR } from '@parvis/engine';
import type { TransactionSql } from 'postgres';

/** A DMN file deployed with a model, as it was given (the IR holds what the engine compiled of it). */
export interface DmnFile {
  name: string;
  xml: string;
}

/** What a version holds: the model as drawn and its DMN files, what the engine compiled of them, its forms and texts. */
export interface VersionContent {
  bpmn: string;
  decisions: DmnFile[];
  ir: ProcessIR;
  /** form-js schemas by form id */
  forms: Record<string, Json>;
  /** notification texts by event and language */
  texts: object;
}

/**
 * Stores the content as the procedure's next immutable version, unless the latest version has the
 * same content (same compiled model, DMN files, forms and texts). Runs in the caller's transaction, on the
 * owner's connection (seed, tests) or sealed to the municipality (designer); the caller holds the
 * procedure's row lock, so two deployments never take the same number.
 */
export async function storeVersion(
  tx: TransactionSql,
  municipalityId: string,
  procedureKey: string,
  content: VersionContent,
  deployedBy: string,
): Promise<{ version: number; created: boolean }> {
  const [latest] = await tx<{ version: number; hash: string; forms: Json; texts: Json; decisions: Json }[]>`
    select version, hash, forms, texts, decisions from procedure_versions
    where municipality_id = ${municipalityId} and procedure_key = ${procedureKey}
    order by version desc limit 1`;
  if (
    latest &&
    latest.hash === content.ir.hash &&
    sameJson(latest.forms, content.forms) &&
    sameJson(latest.texts, content.texts) &&
    sameJson(latest.decisions, content.decisions)
  )
    return { version: latest.version, created: false };
  const version = (latest?.version ?? 0) + 1;
  await tx`insert into procedure_versions (municipality_id, procedure_key, version, hash, bpmn, decisions, ir, forms, texts, deployed_by)
    values (${municipalityId}, ${procedureKey}, ${version}, ${content.ir.hash}, ${content.bpmn}, ${tx.json(content.decisions as never)},
      ${tx.json(content.ir as never)}, ${tx.json(content.forms as never)}, ${tx.json(content.texts as never)}, ${deployedBy})`;
  return { version, created: true };
}

// jsonb does not keep key order: compare canonical forms.
function sameJson(stored: unknown, given: unknown): boolean {
  return canonicalJson(stored) === canonicalJson(given);
}

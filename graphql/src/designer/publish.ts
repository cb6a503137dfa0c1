import { checkProcedure, type Json, type ModelProblem, type ProcessIR } from '@parvis/engine';
import type { Db } from '../common/database.ts';
import { type DmnFile, storeVersion } from '../procedures/versions.ts';

/** What an analyst publishes: the model, its DMN decisions, its forms, its notification texts. */
export interface VersionSource {
  key: string;
  bpmn: string;
  /** the DMN files deployed with the model, by file name */
  decisions?: DmnFile[];
  /** form-js schemas by form id */
  forms: Record<string, Json>;
  /** notification texts by event and language */
  texts: Record<string, Json>;
  /** titles, needed when the procedure is new */
  title?: { fr: string; en: string };
}

export type PublishOutcome = { ok: true; version: number; created: boolean } | { ok: false; problems: ModelProblem[] };

const KEY = /^[a-z0-9][a-z0-9-]{1,62}$/;

/**
 * Everything that stops a model from being published, with the element, DMN file or form field
 * concerned: the engine's check of the procedure (the one the designer shows while drawing) and the
 * key. With none, the compiled model and the forms it runs with, so publishing compiles once.
 */
async function checkVersion(
  source: VersionSource,
): Promise<{ problems: ModelProblem[]; ir?: ProcessIR; forms?: Record<string, Json> }> {
  const problems: ModelProblem[] = [];
  if (!KEY.test(source.key))
    problems.push({
      code: 'KEY_INVALID',
      message: `The procedure key "${source.key}" must be 2 to 63 lowercase letters, digits or dashes.`,
      messageFr: `La clé « ${source.key} » doit faire de 2 à 63 caractères : minuscules, chiffres ou tirets.`,
    });
  const checked = await checkProcedure({ ...source, decisions: source.decisions ?? [] });
  if (!checked.ok) return { problems: [...problems, ...checked.errors] };
  return { problems, ir: checked.ir, forms: checked.forms };
}

/**
 * Publishes a new immutable version in the municipality of the transaction, unless the latest one
 * has the same content. A model the engine cannot run is refused whole: nothing is stored.
 */
export async function publishVersion(db: Db, municipalityId: string, source: VersionSource, deployedBy: string) {
  const { problems, ir, forms } = await checkVersion(source);
  if (problems.length > 0 || !ir || !forms) return { ok: false, problems } as PublishOutcome;
  const [procedure] = await db<{ key: string }[]>`select key from procedures where key = ${source.key} for update`;
  if (!procedure) {
    const title = source.title ?? { fr: ir.name ?? source.key, en: ir.name ?? source.key };
    await db`insert into procedures (municipality_id, key, title_fr, title_en, published)
      values (${municipalityId}, ${source.key}, ${title.fr}, ${title.en}, false)`;
  }
  const stored = await storeVersion(
    db,
    municipalityId,
    source.key,
    { bpmn: source.bpmn, ir, forms, texts: source.texts, decisions: source.decisions ?? [] },
    deployedBy,
  );
  if (stored.created) await db`update procedures set updated_at = now() where key = ${source.key}`;
  return { ok: true, ...stored } as PublishOutcome;
}

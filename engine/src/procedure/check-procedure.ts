// Sandbox-safe: everything wrong with a procedure before it is published — one check that the
// designer shows while the analyst draws, and that publishing (GraphQL) and deploying (seed, CLI
// hosts) refuse on, so the designer never hides a problem that publishing would refuse.

import { type CompileOptions, compile } from '../compiler/compile.ts';
import type { XmlSource } from '../compiler/decode-xml.ts';
import { formSchemaProblems } from '../forms/schema-problems.ts';
import { textsProblems } from '../notifications/texts-problems.ts';
import type { Json, ModelProblem, ProcessIR } from '../runtime/types.ts';
import { formProblems, withEmbeddedForms } from './linked-forms.ts';
import { settingsProblems } from './settings.ts';

/** What a procedure's version is made of, as the analyst publishes it or as processes/ ships it. */
export interface ProcedureFiles {
  /** the BPMN model (text, or bytes in the encoding its XML declares) */
  bpmn: XmlSource;
  /** form-js schemas the version ships, by form id (forms embedded in the model come with it) */
  forms: Record<string, unknown>;
  /** the DMN files deployed beside the model, `{ name, xml }` so that problems name the file */
  decisions?: CompileOptions['decisions'];
  /** notification texts by event and language; not checked when not given */
  texts?: unknown;
}

export type ProcedureCheck =
  | {
      ok: true;
      ir: ProcessIR;
      /** the forms the version runs with: those shipped and those embedded in the model */
      forms: Record<string, Json>;
      warnings: ModelProblem[];
    }
  | { ok: false; errors: ModelProblem[]; warnings: ModelProblem[] };

/**
 * Every problem of a procedure, each naming its element, DMN file or form and field: the compiler's
 * errors (BPMN, DMN decisions, embedded forms), the Parvis settings, forms linked but neither shipped
 * nor embedded, shipped forms' schemas, the notification texts; the model warnings besides. With no
 * error, the compiled model and the forms it runs with, so publishing compiles once.
 */
export async function checkProcedure(files: ProcedureFiles): Promise<ProcedureCheck> {
  const compiled = await compile(files.bpmn, files.decisions ? { decisions: files.decisions } : {});
  const texts = files.texts === undefined ? [] : textsProblems(files.texts);
  if (!compiled.ok) {
    // The model does not compile, but the forms and texts can still be told about at once.
    const forms = Object.entries(files.forms).flatMap(([formId, schema]) => formSchemaProblems(formId, schema));
    return { ok: false, errors: [...compiled.errors, ...forms, ...texts], warnings: [] };
  }
  const errors = [...settingsProblems(compiled.ir), ...formProblems(compiled.ir, files.forms), ...texts];
  if (errors.length > 0) return { ok: false, errors, warnings: compiled.warnings };
  return {
    ok: true,
    ir: compiled.ir,
    forms: withEmbeddedForms(compiled.ir, files.forms as Record<string, Json>),
    warnings: compiled.warnings,
  };
}

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Audience, type Json, type ProcedureTexts, readAudiences, textsProblems } from '@parvis/engine';

export type { ProcedureTexts };

/** A procedure as shipped in processes/<key>/: its BPMN and DMN files, its forms by id, its titles and its texts. */
export interface ShippedProcedure {
  key: string;
  title: { fr: string; en: string };
  /** who it is for, in the citizens' catalogue */
  audience: Audience[];
  bpmn: string;
  /** the .dmn files beside the model, whose decisions its business rule tasks call */
  decisions: { name: string; xml: string }[];
  /** form-js schemas by id (parsed JSON) */
  forms: Record<string, Json>;
  /** texts.json, when the folder has one */
  texts?: ProcedureTexts;
}

/** Reads every procedure folder (one with a procedure.json) under processes/. */
export async function loadShippedProcedures(root: string = import.meta.dirname): Promise<ShippedProcedure[]> {
  const entries = await readdir(root, { withFileTypes: true });
  const procedures: ShippedProcedure[] = [];
  for (const entry of entries
    .filter((e) => e.isDirectory() && e.name !== 'node_modules')
    .sort((a, b) => a.name.localeCompare(b.name))) {
    const dir = join(root, entry.name);
    const files = await readdir(dir);
    if (!files.includes('procedure.json')) continue;
    const meta = JSON.parse(await readFile(join(dir, 'procedure.json'), 'utf8'));
    const formFiles = files.includes('forms')
      ? (await readdir(join(dir, 'forms'))).filter((f) => f.endsWith('.form'))
      : [];
    const forms: ShippedProcedure['forms'] = {};
    for (const file of formFiles.sort()) {
      const form = JSON.parse(await readFile(join(dir, 'forms', file), 'utf8'));
      forms[form.id] = form;
    }
    procedures.push({
      key: meta.key,
      title: meta.title,
      audience: readAudiences(meta.audience ?? [], join(dir, 'procedure.json')),
      bpmn: await readFile(join(dir, meta.bpmn), 'utf8'),
      decisions: await Promise.all(
        files
          .filter((f) => f.endsWith('.dmn'))
          .sort()
          .map(async (name) => ({ name, xml: await readFile(join(dir, name), 'utf8') })),
      ),
      forms,
      ...(files.includes('texts.json')
        ? { texts: readTexts(JSON.parse(await readFile(join(dir, 'texts.json'), 'utf8')), join(dir, 'texts.json')) }
        : {}),
    });
  }
  return procedures;
}

/** Checks a texts.json with the engine's rules (as publishing does); says what is wrong and where. */
export function readTexts(texts: unknown, file: string): ProcedureTexts {
  const problems = textsProblems(texts);
  if (problems.length > 0) throw new Error(`${file}: ${problems.map((p) => p.message).join(' ')}`);
  return texts as ProcedureTexts;
}

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Json } from '@parvis/engine';

/** A procedure as shipped in processes/<key>/: its BPMN, its forms by id and its titles. */
export interface ShippedProcedure {
  key: string;
  title: { fr: string; en: string };
  audience: string[];
  bpmn: string;
  /** form-js schemas by id (parsed JSON) */
  forms: Record<string, Json>;
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
      audience: meta.audience ?? [],
      bpmn: await readFile(join(dir, meta.bpmn), 'utf8'),
      forms,
    });
  }
  return procedures;
}

// Test helpers: the BPMN models of this folder and the shipped procedures, as text.

import { readFileSync } from 'node:fs';

/** Reads a model of this folder (`building-permit`) or a shipped procedure (`processes/contact/contact`). */
export function readModel(name: string): string {
  const path = name.startsWith('processes/') ? `../../../${name}.bpmn` : `./${name}.bpmn`;
  return readFileSync(new URL(path, import.meta.url), 'utf8');
}

// Sandbox-safe: model problems that name the element they concern.

import type { ModdleElement } from 'bpmn-moddle';
import type { ModelProblem } from '../runtime/types.ts';

/** `bpmn:UserTask` → `userTask` */
export function shortType(qualified: string): string {
  const local = qualified.includes(':') ? qualified.slice(qualified.indexOf(':') + 1) : qualified;
  return local.charAt(0).toLowerCase() + local.slice(1);
}

/** A problem about `element`, whose message says what is wrong and what to do. */
export function problemAt(
  element: ModdleElement | undefined,
  code: string,
  message: string,
  messageFr?: string,
): ModelProblem {
  const problem: ModelProblem = { code, message, ...(messageFr ? { messageFr } : {}) };
  if (element?.id) problem.elementId = element.id;
  if (element?.$type) problem.elementType = shortType(element.$type);
  if (typeof element?.name === 'string' && element.name !== '') problem.elementName = element.name;
  return problem;
}

/** `userTask "Check the file" (checkFile)` — how messages name an element. */
export function describe(element: ModdleElement): string {
  const name = typeof element.name === 'string' && element.name !== '' ? ` "${element.name}"` : '';
  return `${shortType(element.$type)}${name} (${element.id ?? 'no id'})`;
}

/** A problem about an element already read into the IR. */
export function problemFor(
  element: { id: string; type: string; name?: string },
  code: string,
  message: string,
  messageFr?: string,
): ModelProblem {
  const label = `${element.type}${element.name ? ` "${element.name}"` : ''} (${element.id})`;
  return {
    code,
    message: `${label}: ${message}`,
    ...(messageFr ? { messageFr: `${label} : ${messageFr}` } : {}),
    elementId: element.id,
    elementType: element.type,
    ...(element.name ? { elementName: element.name } : {}),
  };
}

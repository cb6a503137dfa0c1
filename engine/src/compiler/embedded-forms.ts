// Sandbox-safe: forms embedded in the model (zeebe:userTaskForm in the process's extension elements,
// linked by a `camunda-forms:bpmn:<id>` form key) as Camunda Modeler writes them for Camunda 8. The
// IR carries them by their form key, so a host finds them as it finds the forms a procedure ships.

import type { ModdleElement } from 'bpmn-moddle';
import { formSchemaProblems } from '../forms/schema-problems.ts';
import type { Json, ModelProblem } from '../runtime/types.ts';
import type { ElementIR } from './ir.ts';
import { problemFor } from './problems.ts';
import { attribute } from './zeebe-extensions.ts';

export const EMBEDDED_FORM_PREFIX = 'camunda-forms:bpmn:';

/** The embedded forms of a process by form key, and the problems of reading and linking them. */
export function readEmbeddedForms(
  process: ModdleElement,
  elements: Record<string, ElementIR>,
): { forms: Record<string, Json>; problems: ModelProblem[] } {
  const forms: Record<string, Json> = {};
  const problems: ModelProblem[] = [];
  const container = process.extensionElements as ModdleElement | undefined;
  const values = (container?.values as ModdleElement[] | undefined) ?? [];
  for (const form of values.filter((value) => value.$type === 'zeebe:UserTaskForm')) {
    const id = attribute(form, 'id') ?? '';
    const key = `${EMBEDDED_FORM_PREFIX}${id}`;
    const body = typeof form.body === 'string' ? form.body : '';
    let schema: unknown;
    try {
      schema = JSON.parse(body);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      problems.push({
        code: 'FORM_INVALID',
        message: `The form embedded as "${id}" is not JSON (${why}). Save it again from the form editor.`,
        messageFr: `Le formulaire intégré « ${id} » n'est pas du JSON (${why}). Enregistrez-le de nouveau depuis l'éditeur de formulaires.`,
        elementId: id,
        elementType: 'form',
      });
      continue;
    }
    problems.push(...formSchemaProblems(key, schema));
    forms[key] = schema as Json;
  }
  for (const element of Object.values(elements)) {
    const key =
      element.type === 'startEvent'
        ? element.startForm
        : element.userTask?.formId
          ? undefined
          : element.userTask?.formKey;
    if (!key?.startsWith(EMBEDDED_FORM_PREFIX) || key in forms) continue;
    problems.push(
      problemFor(
        element,
        'FORM_MISSING',
        `its form key "${key}" names no form embedded in the model. Embed the form (zeebe:userTaskForm id="${key.slice(EMBEDDED_FORM_PREFIX.length)}") or fix the key.`,
        `sa clé de formulaire « ${key} » ne désigne aucun formulaire intégré au modèle. Intégrez le formulaire (zeebe:userTaskForm id="${key.slice(EMBEDDED_FORM_PREFIX.length)}") ou corrigez la clé.`,
      ),
    );
  }
  return { forms, problems };
}

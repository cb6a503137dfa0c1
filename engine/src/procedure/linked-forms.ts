// Sandbox-safe: the forms a procedure links, those its version does not ship, and whether the
// forms it ships are sound.
import { compiled } from '../compiler/ir.ts';
import { formSchemaProblems } from '../forms/schema-problems.ts';
import type { Json, ModelProblem, ProcessIR } from '../runtime/types.ts';

/** Forms embedded in the model (zeebe:userTaskForm), by the form key that links them. */
export function embeddedForms(ir: ProcessIR): Record<string, Json> {
  return { ...(compiled(ir).forms ?? {}) };
}

/**
 * The forms a version runs with: those it ships, and those embedded in its model — found the same
 * way, by the task's `formId ?? formKey` (openTask) or the IR's `startFormId`.
 */
export function withEmbeddedForms<T>(ir: ProcessIR, forms: Record<string, T>): Record<string, T | Json> {
  return { ...forms, ...embeddedForms(ir) };
}

/**
 * Forms the model links (start event and user tasks, zeebe:formDefinition formId or formKey) that
 * neither the version ships nor the model embeds, each a problem naming the element. The designer
 * and the API's deploy say the same.
 */
export function missingFormProblems(ir: ProcessIR, forms: Record<string, unknown>): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const embedded = compiled(ir).forms ?? {};
  for (const element of Object.values(compiled(ir).elements)) {
    const start = element.type === 'startEvent';
    const formId = start ? element.startForm : (element.userTask?.formId ?? element.userTask?.formKey);
    if (!formId || formId in forms || formId in embedded) continue;
    problems.push({
      code: 'FORM_MISSING',
      message: `${start ? 'The start event' : `The user task ${element.id}`} links form "${formId}", which the procedure does not ship. Add the form or fix its id.`,
      messageFr: `${start ? 'L’événement de début' : `La tâche ${element.id}`} renvoie au formulaire « ${formId} », que la démarche ne contient pas. Ajoutez le formulaire ou corrigez son identifiant.`,
      elementId: element.id,
      elementType: element.type,
      ...(element.name ? { elementName: element.name } : {}),
    });
  }
  return problems;
}

/**
 * Everything wrong with a version's forms before it is deployed: forms linked but not shipped, and
 * shipped forms whose schema would fail (unknown field types, invalid patterns, missing components,
 * bad FEEL), each named with its form and field. Forms embedded in the model were checked by `compile`.
 */
export function formProblems(ir: ProcessIR, forms: Record<string, unknown>): ModelProblem[] {
  const problems = missingFormProblems(ir, forms);
  for (const [formId, schema] of Object.entries(forms)) problems.push(...formSchemaProblems(formId, schema));
  return problems;
}

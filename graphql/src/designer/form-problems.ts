import type { Json, ModelProblem, ProcessIR } from '@parvis/engine';

interface FormLink {
  elementId: string;
  elementName?: string;
  formId: string;
  start: boolean;
}

/** The forms the model links (start event and user tasks), each with the element that links it. */
export function linkedForms(ir: ProcessIR): FormLink[] {
  const elements = (ir.elements ?? {}) as Record<
    string,
    { id: string; name?: string; type: string; startForm?: string; userTask?: { formId?: string } }
  >;
  const links: FormLink[] = [];
  for (const element of Object.values(elements)) {
    const formId = element.type === 'startEvent' ? element.startForm : element.userTask?.formId;
    if (formId)
      links.push({ elementId: element.id, elementName: element.name, formId, start: element.type === 'startEvent' });
  }
  return links;
}

/**
 * Forms the model links that the version does not ship. The designer (designer/src/check) says the
 * same words while the analyst draws.
 */
export function missingFormProblems(ir: ProcessIR, forms: Record<string, Json>): ModelProblem[] {
  return linkedForms(ir)
    .filter((link) => !(link.formId in forms))
    .map((link) => ({
      code: 'FORM_MISSING',
      message: `${link.start ? 'The start event' : 'The user task'} links form "${link.formId}", which the procedure does not ship. Add the form or fix its id.`,
      messageFr: `${link.start ? 'L’événement de début' : 'La tâche'} renvoie au formulaire « ${link.formId} », que la démarche ne contient pas. Ajoutez le formulaire ou corrigez son identifiant.`,
      elementId: link.elementId,
      ...(link.elementName ? { elementName: link.elementName } : {}),
    }));
}

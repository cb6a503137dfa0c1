import type { ProcessIR } from '@parvis/engine';
import type { DesignerProblem } from './problem.ts';

export interface FormLink {
  elementId: string;
  elementName?: string;
  formId: string;
  start: boolean;
}

/** The forms a compiled model links (start event and user tasks), each with its element. */
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

/** Forms linked but not in the version: the same words as the API's deploy (graphql/src/designer). */
export function missingFormProblems(ir: ProcessIR, forms: Record<string, unknown>): DesignerProblem[] {
  return linkedForms(ir)
    .filter((link) => !(link.formId in forms))
    .map((link) => ({
      source: 'engine',
      severity: 'error',
      code: 'FORM_MISSING',
      message: `${link.start ? 'The start event' : 'The user task'} links form "${link.formId}", which the procedure does not ship. Add the form or fix its id.`,
      messageFr: `${link.start ? 'L’événement de début' : 'La tâche'} renvoie au formulaire « ${link.formId} », que la démarche ne contient pas. Ajoutez le formulaire ou corrigez son identifiant.`,
      elementId: link.elementId,
      ...(link.elementName ? { elementName: link.elementName } : {}),
    }));
}

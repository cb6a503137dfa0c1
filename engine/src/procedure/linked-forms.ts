// Sandbox-safe: the forms a procedure links, and those its version does not ship.
import { compiled } from '../compiler/ir.ts';
import type { ModelProblem, ProcessIR } from '../runtime/types.ts';

/**
 * Forms the model links (start event and user tasks, zeebe:formDefinition) that the version does
 * not ship, each a problem naming the element. The designer and the API's deploy say the same.
 */
export function missingFormProblems(ir: ProcessIR, forms: Record<string, unknown>): ModelProblem[] {
  const problems: ModelProblem[] = [];
  for (const element of Object.values(compiled(ir).elements)) {
    const start = element.type === 'startEvent';
    const formId = start ? element.startForm : element.userTask?.formId;
    if (!formId || formId in forms) continue;
    problems.push({
      code: 'FORM_MISSING',
      message: `${start ? 'The start event' : 'The user task'} links form "${formId}", which the procedure does not ship. Add the form or fix its id.`,
      messageFr: `${start ? 'L’événement de début' : 'La tâche'} renvoie au formulaire « ${formId} », que la démarche ne contient pas. Ajoutez le formulaire ou corrigez son identifiant.`,
      elementId: element.id,
      elementType: element.type,
      ...(element.name ? { elementName: element.name } : {}),
    });
  }
  return problems;
}

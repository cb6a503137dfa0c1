import type { FormComponent, FormSchema } from '../graphql/citizen.ts';

/** The label of each keyed field of a form-js schema, by key, groups included. */
export function formLabels(schema: FormSchema | null | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  const visit = (components: FormComponent[] = []) => {
    for (const component of components) {
      if (component.key && component.label) labels[component.key] = component.label;
      visit(component.components);
    }
  };
  visit(schema?.components);
  return labels;
}

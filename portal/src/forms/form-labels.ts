import type { FormComponent, FormSchema } from '../graphql/citizen.ts';

/** A field's label; date and time fields carry theirs as `dateLabel` and `timeLabel`. */
export function fieldLabel(component: FormComponent | undefined): string | undefined {
  return component?.label ?? component?.dateLabel ?? component?.timeLabel;
}

/** The label of each keyed field of a form-js schema, by key, groups included. */
export function formLabels(schema: FormSchema | null | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  const visit = (components: FormComponent[] = []) => {
    for (const component of components) {
      const label = fieldLabel(component);
      if (component.key && label) labels[component.key] = label;
      visit(component.components);
    }
  };
  visit(schema?.components);
  return labels;
}

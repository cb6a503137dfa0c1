// Sandbox-safe: the input fields of a form with their labels, in reading order (for summaries,
// acknowledgements and the agent's view of a request).
import { type FormComponent, isInput, isList } from './schema.ts';

export interface FormFieldSummary {
  /** key path; fields repeated in a dynamic list read `children[].name` */
  field: string;
  type: string;
  label?: string;
}

export function formFields(schema: { components: FormComponent[] }): FormFieldSummary[] {
  return collect(schema.components, '');
}

function collect(components: FormComponent[], prefix: string): FormFieldSummary[] {
  return components.flatMap((component) => {
    if (isInput(component)) {
      const label = component.label ?? component.dateLabel ?? component.timeLabel;
      return [{ field: join(prefix, component.key), type: component.type, ...(label ? { label } : {}) }];
    }
    if (!Array.isArray(component.components)) return [];
    const path = component.path ? join(prefix, component.path) : prefix;
    return collect(component.components, isList(component) ? `${path}[]` : path);
  });
}

function join(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}

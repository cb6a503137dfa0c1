import type { FormComponent, FormSchema } from '../graphql/citizen.ts';
import { fieldLabel } from './form-labels.ts';

/** Inputs whose value a citizen types or picks: what a correction may reopen (files are sent anew instead). */
const CORRECTABLE = [
  'textfield',
  'textarea',
  'number',
  'datetime',
  'select',
  'radio',
  'checkbox',
  'checklist',
  'taglist',
];

/**
 * The fields of the citizen's form an agent may ask them to correct, with their labels: the inputs
 * outside repeated lists, as the API accepts them (conversation/correction.ts).
 */
export function correctableFields(form: FormSchema | null | undefined): { field: string; label: string }[] {
  const found: { field: string; label: string }[] = [];
  const visit = (components: FormComponent[] = []) => {
    for (const component of components) {
      if (component.key && CORRECTABLE.includes(component.type ?? ''))
        found.push({ field: component.key, label: fieldLabel(component) ?? component.key });
      else if (component.type !== 'dynamiclist') visit(component.components);
    }
  };
  visit(form?.components);
  return found;
}

/** The components of the citizen's form a correction reopened, in the form's order. */
export function componentsOf(form: FormSchema | null | undefined, fields: string[]): FormComponent[] {
  const found: FormComponent[] = [];
  const visit = (components: FormComponent[] = []) => {
    for (const component of components) {
      if (component.key && fields.includes(component.key)) found.push(component);
      else if (component.type !== 'dynamiclist') visit(component.components);
    }
  };
  visit(form?.components);
  return found;
}

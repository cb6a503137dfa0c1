import type { FormComponent, FormSchema } from '../graphql/citizen.ts';

/** A field's label; date and time fields carry theirs as `dateLabel` and `timeLabel`. */
export function fieldLabel(component: FormComponent | undefined): string | undefined {
  return component?.label ?? component?.dateLabel ?? component?.timeLabel;
}

export interface FormLabels {
  /** each keyed field's label, by key, in the form's order */
  fields: Record<string, string>;
  /** the label of each option of a field with options (select, radio, checklist), by key then value */
  options: Record<string, Record<string, string>>;
  /** keys of the date fields (a calendar day, or a day and a time): shown in words */
  dates: Record<string, 'date' | 'datetime'>;
}

/** The labels of a form-js schema's keyed fields and of their options, groups included. */
export function formLabels(schema: FormSchema | null | undefined): FormLabels {
  const labels: FormLabels = { fields: {}, options: {}, dates: {} };
  const visit = (components: FormComponent[] = []) => {
    for (const component of components) {
      const label = fieldLabel(component);
      if (component.key && label) labels.fields[component.key] = label;
      if (component.key && component.values?.length)
        labels.options[component.key] = Object.fromEntries(
          component.values.map((option) => [String(option.value), option.label]),
        );
      if (component.key && component.type === 'datetime' && component.subtype !== 'time')
        labels.dates[component.key] = component.subtype === 'datetime' ? 'datetime' : 'date';
      visit(component.components);
    }
  };
  visit(schema?.components);
  return labels;
}

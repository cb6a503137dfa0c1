import { type FormComponent, formFields, valueInWords } from '@parvis/engine';

/** One line of the summary of what a citizen submitted. */
export interface SubmittedField {
  label: string;
  value: string;
}

/**
 * What was submitted, in the form's reading order with the form's labels; a field repeated in a
 * dynamic list gets one line per row (« Nom (2) »). Empty fields are left out. Without a form,
 * the data's own keys stand as labels.
 */
export function submittedFields(
  schema: { components: FormComponent[] } | undefined,
  data: Record<string, unknown>,
): SubmittedField[] {
  const fields = schema
    ? formFields(schema).map(({ field, label }) => ({ path: field, label: label ?? field }))
    : Object.keys(data).map((key) => ({ path: key, label: key }));
  return fields.flatMap(({ path, label }) =>
    valuesAt(data, path.split('[].')).flatMap(({ rows, value }) => {
      const text = displayed(value, schema && componentAt(schema.components, path));
      if (text === '') return [];
      return [{ label: rows.length ? `${label} (${rows.map((row) => row + 1).join('.')})` : label, value: text }];
    }),
  );
}

function valuesAt(data: unknown, [head, ...rest]: string[]): { rows: number[]; value: unknown }[] {
  const value = head === undefined ? data : at(data, head);
  if (!rest.length) return [{ rows: [], value }];
  if (!Array.isArray(value)) return [];
  return value.flatMap((row, index) =>
    valuesAt(row, rest).map((found) => ({ rows: [index, ...found.rows], value: found.value })),
  );
}

function at(data: unknown, keyPath: string): unknown {
  return keyPath
    .split('.')
    .reduce<unknown>(
      (value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined),
      data,
    );
}

/** The field a summary line reads, by the last key of its path, for its options and its type. */
function componentAt(components: FormComponent[], path: string): FormComponent | undefined {
  const key = path.split(/\.|\[\]\./).pop();
  for (const component of components) {
    if (component.key === key && component.type !== 'group' && component.type !== 'dynamiclist') return component;
    const inner = component.components ? componentAt(component.components, path) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

/** A value in words (engine/src/forms/words.ts): options by their labels; yes/no and dates in both languages. */
function displayed(value: unknown, field?: FormComponent): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? 'Oui / Yes' : 'Non / No';
  if (typeof value === 'object' && !Array.isArray(value)) return JSON.stringify(value);
  const fr = valueInWords(value, field, 'fr');
  const en = valueInWords(value, field, 'en');
  return field?.type === 'datetime' && fr !== en ? `${fr} / ${en}` : fr;
}

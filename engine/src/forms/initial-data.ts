// Sandbox-safe: the data as the form-js viewer starts from it: a missing value takes the field's
// `defaultValue` or its type's empty value, a missing list its `defaultRepetitions` empty rows.
// Hide conditions and expressions then read this data, so `=not(accepted)` sees `false`, not null.
import { toJson } from './json.ts';
import { type FormComponent, type InputType, isInput, isList } from './schema.ts';
import { getAt, setAt, splitKey, type ValuePath } from './value-path.ts';

export const EMPTY_VALUE: Record<InputType, unknown> = {
  textfield: '',
  textarea: '',
  number: null,
  checkbox: false,
  datetime: null,
  select: null,
  radio: null,
  checklist: [],
  taglist: [],
  filepicker: null,
  expression: null,
};

export function initialData(components: FormComponent[], data: Record<string, unknown>): Record<string, unknown> {
  const initialised = toJson(data) as Record<string, unknown>;
  initialise(components, initialised, []);
  return initialised;
}

function initialise(components: FormComponent[], data: Record<string, unknown>, basePath: ValuePath): void {
  for (const component of components) {
    if (isInput(component)) {
      const path = [...basePath, ...splitKey(component.key)];
      if (getAt(data, path) === undefined) {
        setAt(data, path, toJson(component.defaultValue ?? EMPTY_VALUE[component.type]));
      }
      continue;
    }
    if (!Array.isArray(component.components)) continue;
    const path = component.path ? [...basePath, ...splitKey(component.path)] : basePath;
    if (!isList(component)) {
      initialise(component.components, data, path);
      continue;
    }
    const value = getAt(data, path);
    const rows = Array.isArray(value) ? value : Array.from({ length: component.defaultRepetitions ?? 1 }, () => ({}));
    setAt(
      data,
      path,
      rows.map((row) => (typeof row === 'object' && row !== null && !Array.isArray(row) ? row : {})),
    );
    rows.forEach((_, index) => {
      initialise(component.components ?? [], data, [...path, index]);
    });
  }
}

// Sandbox-safe: the data as the form-js viewer starts from it: a missing value takes the field's
// `defaultValue` or its type's empty value, a missing list its `defaultRepetitions` empty rows.
// A value form-js could not use (an option not offered, a malformed date) counts as empty here.
// Hide conditions and expressions then read this data, so `=not(accepted)` sees `false`, not null.
import { rootScope } from './feel.ts';
import { EMPTY_VALUE, readValue } from './field-value.ts';
import { toJson } from './json.ts';
import { type FormComponent, isInput, isList } from './schema.ts';
import { getAt, setAt, splitKey, type ValuePath } from './value-path.ts';

export function initialData(components: FormComponent[], data: Record<string, unknown>): Record<string, unknown> {
  const initialised = toJson(data) as Record<string, unknown>;
  initialise(components, initialised, [], initialised);
  return initialised;
}

function initialise(
  components: FormComponent[],
  data: Record<string, unknown>,
  basePath: ValuePath,
  root: Record<string, unknown>,
): void {
  for (const component of components) {
    if (isInput(component)) {
      const path = [...basePath, ...splitKey(component.key)];
      const given = getAt(data, path) ?? component.defaultValue;
      // like form-js, options computed by an expression are not checked before rendering
      const read =
        component.type === 'expression' || component.valuesExpression
          ? { ok: true as const, value: given ?? EMPTY_VALUE[component.type] }
          : readValue(component, given, rootScope(root));
      setAt(data, path, toJson(read.ok ? read.value : EMPTY_VALUE[component.type]));
      continue;
    }
    if (!Array.isArray(component.components)) continue;
    const path = component.path ? [...basePath, ...splitKey(component.path)] : basePath;
    if (!isList(component)) {
      initialise(component.components, data, path, root);
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
      initialise(component.components ?? [], data, [...path, index], root);
    });
  }
}

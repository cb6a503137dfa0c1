// Sandbox-safe: server-side validation of a form-js form, agreeing with what the form-js viewer shows
// the citizen. Pure: it runs in the workflow's update validators.
import type { Variables } from '../runtime/types.ts';
import { checkRules } from './field-rules.ts';
import { readValue } from './field-value.ts';
import { initialData } from './initial-data.ts';
import { toJson } from './json.ts';
import { type FormLocale, messages } from './messages.ts';
import { checkPlace, isPlaceGroup } from './place.ts';
import type { FormFieldError, FormSchema } from './schema.ts';
import { deleteAt, formatPath, getAt, setAt, type ValuePath } from './value-path.ts';
import { visitFields } from './visit-fields.ts';

export type FormValidation = { ok: true; data: Variables } | { ok: false; errors: FormFieldError[] };

export interface FormValidationOptions {
  /** language the form's own texts (e.g. `patternErrorMessage`) are written in; French by default */
  locale?: FormLocale;
}

/**
 * Checks submitted data against a form. On success, `data` holds exactly the visible, enabled fields
 * of the form (computed expression fields included); anything else the caller sent is dropped.
 */
export function validateForm(
  schema: FormSchema,
  data: Record<string, unknown>,
  options: FormValidationOptions = {},
): FormValidation {
  const locale = options.locale ?? 'fr';
  const shown = withoutHiddenValues(schema, initialData(schema.components, data));
  const errors: FormFieldError[] = [];
  const result: Record<string, unknown> = {};
  const places: ValuePath[] = [];

  visitFields(schema.components, shown, {
    group({ component, path, hidden }) {
      if (!hidden && isPlaceGroup(component)) places.push(path);
    },
    list({ path, hidden }) {
      if (hidden) return;
      const value = getAt(data, path);
      if (value !== undefined && value !== null && !Array.isArray(value)) {
        errors.push({ field: formatPath(path), code: 'invalidValue', message: messages.invalidValue() });
      }
      setAt(result, path, []);
    },
    field({ component, path, scope, hidden }) {
      if (hidden || component.disabled) return;
      const sent = getAt(data, path);
      const read = readValue(component, sent === undefined ? getAt(shown, path) : sent, scope);
      if (!read.ok) {
        errors.push({ field: formatPath(path), code: read.code, message: read.message });
        return;
      }
      for (const failure of checkRules(component, read.value, scope, locale)) {
        errors.push({ field: formatPath(path), ...failure });
      }
      if (component.type === 'expression') setAt(shown, path, read.value);
      setAt(result, path, read.value);
    },
  });

  for (const path of places) {
    const at = (key: string) => formatPath([...path, key]);
    const place = { latitude: getAt(result, [...path, 'latitude']), longitude: getAt(result, [...path, 'longitude']) };
    for (const failure of checkPlace(place)) {
      // a field already refused (not a number, its own min or max) keeps that one message
      if (errors.some((error) => error.field === at(failure.key))) continue;
      errors.push({ field: at(failure.key), code: failure.code, message: failure.message });
    }
  }

  return errors.length ? { ok: false, errors } : { ok: true, data: toJson(result) as Variables };
}

/**
 * The data the viewer renders with: values of hidden fields removed, hide conditions read from the
 * data as submitted (form-js's ConditionChecker does the same, then renders against the result).
 */
function withoutHiddenValues(schema: FormSchema, initialised: Record<string, unknown>): Record<string, unknown> {
  const shown = toJson(initialised) as Record<string, unknown>;
  const clear = ({ path, hidden }: { path: readonly (string | number)[]; hidden: boolean }) => {
    if (hidden) deleteAt(shown, path);
  };
  visitFields(schema.components, initialised, { field: clear, list: clear });
  return shown;
}

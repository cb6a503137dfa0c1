// Sandbox-safe: the options a select, radio, checklist or taglist offers, from `values`, `valuesKey`
// or `valuesExpression`, normalised as form-js does (primitives become { value, label }).
import { evaluateExpression, type FieldScope } from './feel.ts';
import type { FormComponent } from './schema.ts';

export function optionValues(component: FormComponent, scope: FieldScope): unknown[] {
  const raw = component.valuesExpression
    ? evaluateExpression(component.valuesExpression, scope)
    : component.valuesKey
      ? scope.data[component.valuesKey]
      : component.values;
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((option) => {
    const value = optionValue(option);
    return value === undefined ? [] : [value];
  });
}

function optionValue(option: unknown): unknown {
  if (isAllowedPrimitive(option)) return option;
  if (typeof option !== 'object' || option === null || Array.isArray(option)) return undefined;
  const { value, label } = option as { value?: unknown; label?: unknown };
  const hasLabel = typeof label === 'string' && label !== '';
  if (!hasLabel) return isAllowedPrimitive(value) ? value : undefined;
  return isAllowedPrimitive(value) || isNonEmptyObject(value) ? value : undefined;
}

function isAllowedPrimitive(value: unknown): boolean {
  return (['number', 'string', 'boolean'].includes(typeof value) && Boolean(value)) || value === 0 || value === false;
}

function isNonEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
}

// Sandbox-safe: reads one submitted value as its field type expects it. What form-js would silently
// coerce harmlessly (42 in a text field) is accepted the same way; what it would silently drop
// (an option not offered, a malformed date) is refused, so nothing changes behind the citizen's back.

import { evaluateExpression, type FieldScope } from './feel.ts';
import { optionValues } from './field-options.ts';
import { readFiles } from './file-value.ts';
import { deepEqual } from './json.ts';
import { type Message, messages } from './messages.ts';
import type { InputComponent, InputType } from './schema.ts';

export type ReadValue = { ok: true; value: unknown } | { ok: false; code: string; message: Message };

export function readValue(component: InputComponent, given: unknown, scope: FieldScope): ReadValue {
  if (component.type === 'expression') {
    return { ok: true, value: component.expression ? evaluateExpression(component.expression, scope) : null };
  }
  if (given === undefined || given === null) return { ok: true, value: EMPTY_VALUE[component.type] };
  switch (component.type) {
    case 'textfield':
      return readText(given, (text) => text.replace(/[\r\n\t]/g, ' '));
    case 'textarea':
      return readText(given, (text) => text);
    case 'number':
      return readNumber(given, component.serializeToString === true);
    case 'checkbox':
      return typeof given === 'boolean' ? { ok: true, value: given } : invalid('invalidValue', messages.invalidValue());
    case 'datetime':
      return readDateTime(given, component.subtype ?? 'date');
    case 'select':
    case 'radio':
      return optionValues(component, scope).some((option) => deepEqual(option, given))
        ? { ok: true, value: given }
        : invalid('invalidOption', messages.invalidOption());
    case 'checklist':
    case 'taglist':
      return readChoices(given, optionValues(component, scope));
    case 'filepicker':
      return readFiles(component, given, scope);
  }
}

function invalid(code: string, message: Message): ReadValue {
  return { ok: false, code, message };
}

function readText(given: unknown, clean: (text: string) => string): ReadValue {
  if (typeof given === 'object') return invalid('invalidValue', messages.invalidValue());
  return { ok: true, value: clean(String(given)) };
}

function readNumber(given: unknown, asText: boolean): ReadValue {
  if (given === '') return { ok: true, value: null };
  const isNumeric =
    (typeof given === 'number' && Number.isFinite(given)) ||
    (typeof given === 'string' && given.trim() !== '' && Number.isFinite(Number(given)));
  if (!isNumeric) return invalid('notANumber', messages.notANumber());
  return { ok: true, value: asText ? String(given) : Number(given) };
}

function readChoices(given: unknown, options: unknown[]): ReadValue {
  if (!Array.isArray(given)) return invalid('invalidValue', messages.invalidValue());
  const offered = given.every((choice) => options.some((option) => deepEqual(option, choice)));
  return offered ? { ok: true, value: given } : invalid('invalidOption', messages.invalidOption());
}

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

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?(Z|[+-]\d{2}:?\d{2})?$/;

function readDateTime(given: unknown, subtype: 'date' | 'time' | 'datetime'): ReadValue {
  if (typeof given !== 'string') return invalid('invalidValue', messages.invalidValue());
  if (subtype === 'date') {
    return isCalendarDate(given) ? { ok: true, value: given } : invalid('invalidDate', messages.invalidDate());
  }
  if (subtype === 'time') {
    return TIME.test(given) ? { ok: true, value: given } : invalid('invalidTime', messages.invalidTime());
  }
  const [date, time, ...rest] = given.split('T');
  return rest.length === 0 && date !== undefined && time !== undefined && isCalendarDate(date) && TIME.test(time)
    ? { ok: true, value: given }
    : invalid('invalidDateTime', messages.invalidDateTime());
}

function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

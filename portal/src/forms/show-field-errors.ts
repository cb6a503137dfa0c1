import type { Form } from '@bpmn-io/form-js-viewer';
import type { FieldError } from '../composables/useGraphql.ts';
import type { Lang } from '../composables/useI18n.ts';
import type { FormComponent } from '../graphql/citizen.ts';
import { fieldLabel } from './form-labels.ts';

/** One line of the error summary above a form: the field's label and the problem, in words. */
export interface ErrorSummaryItem {
  label: string;
  message: string;
  /** DOM id of the field's input, to move focus there from the summary. */
  targetId?: string;
}

interface FieldInstance {
  id: string;
  valuePath: (string | number)[];
  indexes?: Record<string, number>;
}

type ErrorTree = { [key: string]: ErrorTree | string[] };

/** `['children', 1, 'name']` → `children[1].name`, the way the server names a field. */
function keyPath(valuePath: (string | number)[]): string {
  return valuePath.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}

function addMessage(tree: ErrorTree, path: string[], message: string) {
  let node = tree;
  for (const part of path.slice(0, -1)) {
    node[part] ??= {};
    node = node[part] as ErrorTree;
  }
  const last = path.at(-1)!;
  node[last] ??= [];
  (node[last] as string[]).push(message);
}

/**
 * Shows the server's field errors beside their fields in a form-js form (what was typed stays),
 * and returns them for the summary above the form.
 */
export function showFieldErrors(form: Form, errors: FieldError[], lang: Lang): ErrorSummaryItem[] {
  const instances = (form.get('formFieldInstanceRegistry') as { getAllKeyed(): FieldInstance[] }).getAllKeyed();
  const definitions = form.get('formFieldRegistry') as { get(id: string): FormComponent | undefined };
  const byPath = new Map(instances.map((instance) => [keyPath(instance.valuePath), instance]));
  const tree: ErrorTree = {};
  const items = errors.map((error): ErrorSummaryItem => {
    const message = error.message[lang];
    const instance = byPath.get(error.field);
    if (!instance) return { label: error.field, message };
    const indexes = Object.values(instance.indexes ?? {}).map(String);
    addMessage(tree, [instance.id, ...indexes], message);
    return {
      label: fieldLabel(definitions.get(instance.id)) ?? error.field,
      message,
      // form-js names inputs fjs-form-<form id>-<field id>[_<index>…]
      targetId: [`fjs-form-${form._id}-${instance.id}`, ...indexes].join('_'),
    };
  });
  form._setState({ errors: tree });
  return items;
}

// Sandbox-safe: what a procedure will do next, read from its IR for the people who decide — the
// documents a step leads to and the inputs they would be issued with now, the amounts its script
// tasks computed (in their currency when they are money). Pure: the API shows a signer the file before they sign.
import { compiled, type ElementIR } from '../compiler/ir.ts';
import { resolveValue } from '../expressions/feel.ts';
import { readCurrency } from '../procedure/settings.ts';
import type { Json, ProcessIR, Variables } from './types.ts';
import { assignPath } from './variables.ts';

/** Service or send tasks of the given job type that can run after an element, nearest first. */
export function jobsAfter(ir: ProcessIR, elementId: string, jobType: string): ElementIR[] {
  const { elements, flows } = compiled(ir);
  const seen = new Set<string>([elementId]);
  const found: ElementIR[] = [];
  let frontier = [elementId];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const flowId of elements[id]?.outgoing ?? []) {
        const target = flows[flowId]?.target;
        if (!target || seen.has(target)) continue;
        seen.add(target);
        next.push(target);
        const element = elements[target];
        if (element?.job?.type === jobType) found.push(element);
      }
    }
    frontier = next;
  }
  return found;
}

/**
 * An element's input mappings evaluated against the given variables, as the element would see them
 * if it ran now; the first mapping that fails says why, naming its target.
 */
export function inputsNow(
  ir: ProcessIR,
  elementId: string,
  variables: Variables,
  now: string,
): { ok: true; inputs: Variables } | { ok: false; message: string } {
  const element = compiled(ir).elements[elementId];
  const context: Variables = { ...variables };
  const inputs: Variables = {};
  for (const mapping of element?.inputs ?? []) {
    const root = mapping.target.split('.')[0]!;
    if (mapping.target.includes('.') && !(root in inputs))
      inputs[root] = JSON.parse(JSON.stringify(context[root] ?? {})) as Json;
    const value = resolveValue(mapping.source, context, now);
    if (!value.ok) return { ok: false, message: `${mapping.target}: ${value.message}` };
    assignPath(inputs, mapping.target, value.value);
    context[root] = inputs[root]!;
  }
  return { ok: true, inputs };
}

/** A value a script task computed: the task's name and the variable it wrote. */
export interface ComputedValue {
  elementId: string;
  name: string;
  variable: string;
  /** the ISO 4217 code of an amount of money, from the task's `currency` property (a fee in `EUR`) */
  currency?: string;
}

/** The variables the procedure's script tasks compute (a fee, a score), in the model's order. */
export function computedValues(ir: ProcessIR): ComputedValue[] {
  return Object.values(compiled(ir).elements).flatMap((element) => {
    if (!element.script?.resultVariable) return [];
    const currency = readCurrency(element);
    return [
      {
        elementId: element.id,
        name: element.name ?? element.id,
        variable: element.script.resultVariable,
        ...(currency ? { currency } : {}),
      },
    ];
  });
}

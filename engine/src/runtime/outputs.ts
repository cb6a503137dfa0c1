// Sandbox-safe: zeebe input and output mappings.

import type { MappingIR } from '../compiler/ir.ts';
import { resolveValue } from '../expressions/feel.ts';
import type { Run } from './run.ts';
import { ROOT } from './state.ts';
import type { Json, Variables } from './types.ts';
import { assignPath, propagate, visibleVariables } from './variables.ts';

/** Evaluates mappings in order, each seeing those before it. Undefined (and an incident) on failure. */
function evaluateMappings(
  run: Run,
  instanceId: string,
  mappings: MappingIR[],
  retry: 'activate' | 'complete',
): Variables | undefined {
  const context = visibleVariables(run.state, instanceId);
  const result: Variables = {};
  for (const mapping of mappings) {
    const root = mapping.target.split('.')[0]!;
    if (mapping.target.includes('.') && !(root in result)) {
      result[root] = JSON.parse(JSON.stringify(context[root] ?? {})) as Json;
    }
    const value = resolveValue(mapping.source, context, run.state.now);
    if (!value.ok) {
      const message = `The mapping to "${mapping.target}" (${mapping.source}) failed: ${value.message}. Fix the variables, then resolve the incident.`;
      run.raiseIncident(instanceId, 'MAPPING_FAILED', message, { op: retry, inst: instanceId });
      return undefined;
    }
    assignPath(result, mapping.target, value.value);
    context[root] = result[root]!;
  }
  return result;
}

/** Input mappings become local variables of the instance. False when an incident was raised. */
export function applyInputs(run: Run, instanceId: string, mappings: MappingIR[] | undefined): boolean {
  if (!mappings) return true;
  const values = evaluateMappings(run, instanceId, mappings, 'activate');
  if (!values) return false;
  const instance = run.state.instances[instanceId]!;
  instance.vars = { ...instance.vars, ...values };
  return true;
}

/** Output mappings go to the enclosing scope. False when an incident was raised. */
export function applyOutputs(run: Run, instanceId: string): boolean {
  const instance = run.state.instances[instanceId]!;
  const mappings = instance.mi ? undefined : run.ir.elements[instance.el]?.outputs;
  if (!mappings) return true;
  const values = evaluateMappings(run, instanceId, mappings, 'complete');
  if (!values) return false;
  for (const [name, value] of Object.entries(values)) propagate(run.state, instance.up ?? ROOT, name, value);
  return true;
}

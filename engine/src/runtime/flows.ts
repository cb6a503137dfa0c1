// Sandbox-safe: which outgoing sequence flows a completing element takes.

import type { ElementIR } from '../compiler/ir.ts';
import type { Run } from './run.ts';

/** [target element, flow id] pairs; undefined when an incident stopped the element. */
export type Targets = [string, string | undefined][];

/** Evaluates conditions as the element's type requires; raises an incident instead of throwing. */
export function takeFlows(run: Run, instanceId: string, element: ElementIR): Targets | undefined {
  if (element.linkTarget) return [[element.linkTarget, undefined]];
  const flows = element.outgoing.map((id) => run.ir.flows[id]!);
  if (element.type === 'parallelGateway' || flows.every((flow) => !flow.condition)) {
    return flows.map((flow) => [flow.target, flow.id]);
  }
  const taken: Targets = [];
  for (const flow of flows) {
    if (flow.id === element.defaultFlow) continue;
    if (flow.condition) {
      const result = run.feel(flow.condition, instanceId);
      if (!result.ok || typeof result.value !== 'boolean') {
        const why = result.ok ? `it gave ${JSON.stringify(result.value)}, not true or false` : result.message;
        const message = `The condition of flow ${flow.id} (${flow.condition}) could not be decided: ${why}. Set the variables it needs, then resolve the incident.`;
        run.raiseIncident(instanceId, 'CONDITION_FAILED', message, { op: 'leave', inst: instanceId });
        return undefined;
      }
      if (!result.value) continue;
    }
    taken.push([flow.target, flow.id]);
    if (element.type === 'exclusiveGateway') return taken;
  }
  if (taken.length > 0) return taken;
  const fallback = element.defaultFlow ? run.ir.flows[element.defaultFlow] : undefined;
  if (fallback) return [[fallback.target, fallback.id]];
  if (element.type.endsWith('Gateway')) {
    const message = `No outgoing flow of gateway ${element.id} has a condition that is true, and it has no default flow. Correct the variables, then resolve the incident.`;
    run.raiseIncident(instanceId, 'NO_MATCHING_FLOW', message, { op: 'leave', inst: instanceId });
    return undefined;
  }
  return [];
}

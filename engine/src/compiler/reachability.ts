// Sandbox-safe: which inclusive joins each element can still reach. An inclusive gateway join
// waits only for tokens that can arrive; the interpreter asks this table instead of walking the graph.

import type { ElementIR, FlowIR } from './ir.ts';

/** Sets `reaches` on every element from which an inclusive join (more than one incoming flow) is reachable. */
export function markInclusiveReach(elements: Record<string, ElementIR>, flows: Record<string, FlowIR>): void {
  const predecessors = new Map<string, string[]>();
  const addEdge = (from: string, to: string) => {
    const list = predecessors.get(to);
    if (list) list.push(from);
    else predecessors.set(to, [from]);
  };
  for (const flow of Object.values(flows)) addEdge(flow.source, flow.target);
  for (const element of Object.values(elements)) {
    if (element.attachedTo) addEdge(element.attachedTo, element.id);
    if (element.linkTarget) addEdge(element.id, element.linkTarget);
  }
  for (const join of Object.values(elements)) {
    if (join.type !== 'inclusiveGateway' || join.incoming.length < 2) continue;
    const seen = new Set<string>();
    const stack = [...(predecessors.get(join.id) ?? [])];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(predecessors.get(id) ?? []));
    }
    for (const id of seen) {
      const element = elements[id];
      if (element) element.reaches = [...(element.reaches ?? []), join.id];
    }
  }
}

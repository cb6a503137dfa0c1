// Sandbox-safe: loops a token would run round for ever. A cycle made only of gateways (and elements
// that do nothing: link events, none throw events, undefined and manual tasks without mappings) can
// neither wait nor change a variable, so a token that enters it takes the same turn every time.

import type { ModelProblem } from '../runtime/types.ts';
import type { ElementIR, FlowIR } from './ir.ts';
import { problemFor } from './problems.ts';

function passive(element: ElementIR): boolean {
  if (element.multiInstance || element.inputs || element.outputs || element.boundaries?.length) return false;
  switch (element.type) {
    case 'exclusiveGateway':
    case 'inclusiveGateway':
      return true;
    // a parallel join waits for its other flows: a loop through one is stuck, not endless
    case 'parallelGateway':
      return element.incoming.length <= 1;
    case 'intermediateThrowEvent':
      return !element.trigger || element.trigger.kind === 'link';
    case 'intermediateCatchEvent':
      return element.trigger?.kind === 'link';
    case 'task':
    case 'manualTask':
      return true;
    default:
      return false;
  }
}

/** One problem per cycle of passive elements, naming every element of it. */
export function endlessLoops(elements: Record<string, ElementIR>, flows: Record<string, FlowIR>): ModelProblem[] {
  const next = new Map<string, string[]>();
  const link = (from: string, to: string) => {
    const a = elements[from];
    const b = elements[to];
    if (a && b && passive(a) && passive(b)) next.set(from, [...(next.get(from) ?? []), to]);
  };
  for (const flow of Object.values(flows)) link(flow.source, flow.target);
  for (const element of Object.values(elements)) if (element.linkTarget) link(element.id, element.linkTarget);

  // Tarjan's strongly connected components, iteratively (a model may be large)
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;
  for (const root of next.keys()) {
    if (index.has(root)) continue;
    const work: { id: string; child: number }[] = [{ id: root, child: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const children = next.get(frame.id) ?? [];
      if (frame.child < children.length) {
        const child = children[frame.child++]!;
        if (!index.has(child)) {
          index.set(child, counter);
          low.set(child, counter++);
          stack.push(child);
          onStack.add(child);
          work.push({ id: child, child: 0 });
        } else if (onStack.has(child)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(child)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) !== index.get(frame.id)) continue;
      const component: string[] = [];
      for (;;) {
        const id = stack.pop()!;
        onStack.delete(id);
        component.push(id);
        if (id === frame.id) break;
      }
      const selfLoop = component.length === 1 && (next.get(component[0]!) ?? []).includes(component[0]!);
      if (component.length > 1 || selfLoop) cycles.push(component.reverse());
    }
  }
  return cycles.map((cycle) => {
    const first = elements[cycle[0]!]!;
    const list = cycle.join(' → ');
    return problemFor(
      first,
      'ENDLESS_LOOP',
      `it is part of a loop that nothing can end: ${list} are gateways or elements that neither wait nor change a variable, so a token entering it goes round for ever. Put a task, a timer or a message in the loop, or remove the flow back.`,
      `il fait partie d'une boucle que rien ne peut arrêter : ${list} sont des passerelles ou des éléments qui n'attendent rien et ne changent aucune variable, donc un jeton qui y entre tourne sans fin. Placez une tâche, une minuterie ou un message dans la boucle, ou retirez le flux de retour.`,
    );
  });
}

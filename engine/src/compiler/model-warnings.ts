// Sandbox-safe: what runs but is probably not what the analyst meant — reported as warnings.

import { externalJobQueue, isParvisJobType, PARVIS_JOB_TYPES } from '../procedure/job-queues.ts';
import type { ModelProblem } from '../runtime/types.ts';
import type { ElementIR, FlowIR, StartEventIR } from './ir.ts';
import { problemFor } from './problems.ts';

/** Elements no token can ever reach (from a start event, a boundary event or a link). */
export function unreachableElements(
  elements: Record<string, ElementIR>,
  flows: Record<string, FlowIR>,
  startEvents: StartEventIR[],
): ModelProblem[] {
  const next = new Map<string, string[]>();
  const link = (from: string, to: string) => next.set(from, [...(next.get(from) ?? []), to]);
  for (const flow of Object.values(flows)) link(flow.source, flow.target);
  for (const element of Object.values(elements)) {
    if (element.attachedTo) link(element.attachedTo, element.id);
    if (element.linkTarget) link(element.id, element.linkTarget);
    if (element.compensation) link(element.id, element.compensation);
    if (element.start) link(element.id, element.start);
    for (const start of element.eventStarts ?? []) link(element.id, start);
  }
  const reached = new Set<string>();
  const stack = startEvents.map((start) => start.id);
  for (const element of Object.values(elements)) {
    // process-level event sub-processes start on their own
    if (element.type === 'startEvent' && element.scope && elements[element.scope]?.triggeredByEvent) {
      if (!elements[element.scope]?.scope) stack.push(element.id);
    }
  }
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    stack.push(...(next.get(id) ?? []));
  }
  const warnings: ModelProblem[] = [];
  for (const element of Object.values(elements)) {
    const container = element.scope ? elements[element.scope] : undefined;
    const containerReached = !container || container.triggeredByEvent || reached.has(container.id);
    const startsOnItsOwn = element.triggeredByEvent || (container?.triggeredByEvent && element.type === 'startEvent');
    if (!reached.has(element.id) && containerReached && !startsOnItsOwn) {
      warnings.push(
        problemFor(
          element,
          'UNREACHABLE_ELEMENT',
          'no sequence flow leads here, so it never runs. Connect it or remove it.',
          "aucun flux n'y mène : il ne s'exécutera jamais. Reliez-le ou supprimez-le.",
        ),
      );
    }
  }
  return warnings;
}

/**
 * Service-like elements whose job type no Parvis worker handles: they run only if an external
 * worker polls the job type's Temporal task queue, else the request waits there.
 */
export function externalJobWarnings(elements: Record<string, ElementIR>): ModelProblem[] {
  const warnings: ModelProblem[] = [];
  for (const element of Object.values(elements)) {
    const jobType = element.job?.type;
    if (!jobType || isParvisJobType(jobType)) continue;
    const queue = externalJobQueue(jobType);
    warnings.push(
      problemFor(
        element,
        'EXTERNAL_JOB_TYPE',
        `job type "${jobType}" has no Parvis handler: it runs only when an external worker takes it from the Temporal task queue "${queue}" (docs/api.md, "External job workers"). Parvis runs ${PARVIS_JOB_TYPES.join(', ')}.`,
        `le type de tâche « ${jobType} » n'a pas de gestionnaire dans Parvis : il ne s'exécute que si un worker externe le prend dans la file Temporal « ${queue} » (docs/api.md, « External job workers »). Parvis exécute ${PARVIS_JOB_TYPES.join(', ')}.`,
      ),
    );
  }
  return warnings;
}

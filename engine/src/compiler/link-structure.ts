// Sandbox-safe: derives what the interpreter looks up at run time — boundary events per activity,
// the start event of each scope, event sub-process starts, link targets.

import type { ModelProblem } from '../runtime/types.ts';
import type { ElementIR, StartEventIR } from './ir.ts';
import { problemFor } from './problems.ts';

export interface Structure {
  startEvents: StartEventIR[];
  eventStarts: string[];
}

/** Fills `boundaries`, `start`, `eventStarts` and `linkTarget` in place; returns the process-level starts. */
export function linkStructure(elements: Record<string, ElementIR>, problems: ModelProblem[]): Structure {
  const structure: Structure = { startEvents: [], eventStarts: [] };
  const linkCatches = new Map<string, string>();
  for (const element of Object.values(elements)) {
    if (element.type === 'intermediateCatchEvent' && element.trigger?.kind === 'link') {
      linkCatches.set(`${element.scope ?? ''}/${element.trigger.name}`, element.id);
    }
  }
  for (const element of Object.values(elements)) {
    if (element.type === 'boundaryEvent') attachBoundary(element, elements, problems);
    if (element.type === 'startEvent') placeStart(element, elements, structure, problems);
    if (element.type === 'intermediateThrowEvent' && element.trigger?.kind === 'link') {
      const target = linkCatches.get(`${element.scope ?? ''}/${element.trigger.name}`);
      if (target) element.linkTarget = target;
      else
        problems.push(
          problemFor(
            element,
            'DANGLING_REFERENCE',
            `no link catch event named "${element.trigger.name}" in the same scope. Add one or rename the link.`,
            `aucun événement lien intermédiaire de réception nommé « ${element.trigger.name} » dans la même portée. Ajoutez-en un ou renommez le lien.`,
          ),
        );
    }
  }
  return structure;
}

function attachBoundary(boundary: ElementIR, elements: Record<string, ElementIR>, problems: ModelProblem[]): void {
  const host = boundary.attachedTo ? elements[boundary.attachedTo] : undefined;
  if (!host) {
    problems.push(
      problemFor(
        boundary,
        'DANGLING_REFERENCE',
        'the boundary event is not attached to an activity. Attach it to a task or sub-process.',
        "l'événement de bordure n'est attaché à aucune activité. Attachez-le à une tâche ou un sous-processus.",
      ),
    );
    return;
  }
  if (host.type.endsWith('Event') || host.type.endsWith('Gateway')) {
    problems.push(
      problemFor(
        boundary,
        'INVALID_BOUNDARY',
        `it is attached to ${host.id}, which is not an activity. Attach it to a task or sub-process.`,
        `il est attaché à ${host.id}, qui n'est pas une activité. Attachez-le à une tâche ou un sous-processus.`,
      ),
    );
    return;
  }
  host.boundaries = [...(host.boundaries ?? []), boundary.id];
}

function placeStart(
  start: ElementIR,
  elements: Record<string, ElementIR>,
  structure: Structure,
  problems: ModelProblem[],
): void {
  const container = start.scope ? elements[start.scope] : undefined;
  if (!container) {
    structure.startEvents.push({ id: start.id, ...(start.trigger ? { trigger: start.trigger } : {}) });
    return;
  }
  if (container.triggeredByEvent) {
    const parent = container.scope ? elements[container.scope] : undefined;
    if (parent) parent.eventStarts = [...(parent.eventStarts ?? []), start.id];
    else structure.eventStarts.push(start.id);
    return;
  }
  if (start.trigger) {
    problems.push(
      problemFor(
        start,
        'INVALID_START_EVENT',
        'a sub-process starts with a none start event only. Remove the event definition.',
        "un sous-processus ne démarre que par un événement de début simple. Retirez la définition d'événement.",
      ),
    );
  } else if (container.start) {
    problems.push(
      problemFor(
        start,
        'INVALID_START_EVENT',
        `sub-process ${container.id} has more than one start event. Keep one.`,
        `le sous-processus ${container.id} a plusieurs événements de début. N'en gardez qu'un.`,
      ),
    );
  } else {
    container.start = start.id;
  }
}

// Sandbox-safe: compensation as Camunda 8 models it — a compensation boundary event on an activity,
// associated with a handler (an activity marked isForCompensation, outside the sequence flow), and
// compensation throw events for every completed activity of their scope or one named by activityRef.

import type { ModelProblem } from '../runtime/types.ts';
import type { ElementIR } from './ir.ts';
import { problemFor } from './problems.ts';

/** Sets `compensation` (the handler) on each activity with a compensation boundary; returns the problems. */
export function linkCompensation(
  elements: Record<string, ElementIR>,
  associations: { source: string; target: string }[],
): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const report = (element: ElementIR, message: string, messageFr: string) =>
    problems.push(problemFor(element, 'INVALID_COMPENSATION', message, messageFr));
  const isBoundary = (element: ElementIR | undefined) =>
    element?.type === 'boundaryEvent' && element.trigger?.kind === 'compensation';
  const handlerOf = new Map<string, string>();
  for (const { source, target } of associations) {
    // drawn either way: boundary → handler, or handler → boundary
    const [boundaryId, handlerId] = isBoundary(elements[source]) ? [source, target] : [target, source];
    if (isBoundary(elements[boundaryId]) && elements[handlerId]) handlerOf.set(boundaryId, handlerId);
  }
  const handled = new Set<string>();
  for (const element of Object.values(elements)) {
    if (!isBoundary(element)) continue;
    const host = element.attachedTo ? elements[element.attachedTo] : undefined;
    const handlerId = handlerOf.get(element.id);
    const handler = handlerId ? elements[handlerId] : undefined;
    if (element.outgoing.length > 0) {
      report(
        element,
        'a compensation boundary event has no outgoing sequence flow: it is associated with its handler. Remove the flow and draw an association to the handler.',
        "un événement de compensation en bordure n'a pas de flux sortant : il est associé à son activité de compensation. Retirez le flux et dessinez une association vers elle.",
      );
    }
    if (!handler) {
      report(
        element,
        'no compensation handler is associated with it. Draw an association to an activity marked for compensation.',
        'aucune activité de compensation ne lui est associée. Dessinez une association vers une activité marquée pour la compensation.',
      );
      continue;
    }
    if (!handler.forCompensation) {
      report(
        element,
        `the activity it is associated with, ${handler.id}, is not marked for compensation. Mark it (isForCompensation) or associate another.`,
        `l'activité qui lui est associée, ${handler.id}, n'est pas marquée pour la compensation. Marquez-la (isForCompensation) ou associez-en une autre.`,
      );
      continue;
    }
    if (host && handler.scope !== host.scope) {
      report(
        element,
        `its handler ${handler.id} is not in the same (sub-)process as ${host.id}. Move the handler beside the activity it undoes.`,
        `son activité de compensation ${handler.id} n'est pas dans le même (sous-)processus que ${host.id}. Placez-la à côté de l'activité qu'elle annule.`,
      );
      continue;
    }
    if (host) host.compensation = handler.id;
    handled.add(handler.id);
  }
  for (const element of Object.values(elements)) {
    if (element.forCompensation) checkHandler(element, handled, report);
    if (element.trigger?.kind === 'compensation' && element.trigger.activity)
      checkActivityRef(element, elements, report);
  }
  return problems;
}

function checkHandler(
  handler: ElementIR,
  handled: Set<string>,
  report: (element: ElementIR, message: string, messageFr: string) => void,
): void {
  if (handler.incoming.length > 0 || handler.outgoing.length > 0) {
    report(
      handler,
      'a compensation handler runs only to compensate, outside the sequence flow. Remove its sequence flows.',
      "une activité de compensation ne s'exécute que pour compenser, hors du flux de séquence. Retirez ses flux.",
    );
  }
  if (!handled.has(handler.id)) {
    report(
      handler,
      'it is marked for compensation but no compensation boundary event is associated with it, so it never runs. Associate one, or remove the marker.',
      "elle est marquée pour la compensation mais aucun événement de compensation en bordure ne lui est associé : elle ne s'exécute jamais. Associez-en un, ou retirez le marqueur.",
    );
  }
}

/** The scope a compensation throw compensates: its own, or the one around its event sub-process. */
export function compensatedScope(thrower: ElementIR, elements: Record<string, ElementIR>): string | undefined {
  let scope = thrower.scope;
  while (scope && elements[scope]?.triggeredByEvent) scope = elements[scope]?.scope;
  return scope;
}

function checkActivityRef(
  thrower: ElementIR,
  elements: Record<string, ElementIR>,
  report: (element: ElementIR, message: string, messageFr: string) => void,
): void {
  const activityId = (thrower.trigger as { activity: string }).activity;
  const activity = elements[activityId];
  if (!activity) {
    report(
      thrower,
      `it compensates ${activityId}, which is not an activity of the model. Pick an activity with a compensation boundary event.`,
      `il compense ${activityId}, qui n'est pas une activité du modèle. Choisissez une activité avec un événement de compensation en bordure.`,
    );
    return;
  }
  if (activity.scope !== compensatedScope(thrower, elements)) {
    report(
      thrower,
      `it compensates ${activityId}, which is not in its (sub-)process. Compensate an activity of the same scope.`,
      `il compense ${activityId}, qui n'est pas dans son (sous-)processus. Compensez une activité de la même portée.`,
    );
    return;
  }
  if (!activity.compensation) {
    report(
      thrower,
      `it compensates ${activityId}, which has no compensation boundary event with a handler. Attach one to ${activityId}.`,
      `il compense ${activityId}, qui n'a pas d'événement de compensation en bordure avec son activité. Attachez-en un à ${activityId}.`,
    );
  }
}

// Sandbox-safe: moving a running request to another version of its procedure (issue 21, point 4),
// like Camunda 8's process instance migration. The analyst maps elements of the old version to
// the new (same ids map by default); a request can move when everything it stands on, waits on or
// may still compensate has a place in the new version, of the same kind and in the same scope.
// Pure: the same answer in the API's dry run and in the workflow that moves the request.

import { compiled, type ElementIR } from '../compiler/ir.ts';
import { type EngineState, engineState, ROOT } from '../runtime/state.ts';
import type { ProcessIR, ProcessState } from '../runtime/types.ts';

/** Old element id → new element id. */
export type VersionMapping = Record<string, string>;

/** A mapping the analyst gave that cannot hold; nothing moves while one remains. */
export interface MappingProblem {
  code: 'UNKNOWN_SOURCE_ELEMENT' | 'UNKNOWN_TARGET_ELEMENT' | 'ELEMENT_TYPE_MISMATCH' | 'TARGET_MAPPED_TWICE';
  /** the old version's element */
  elementId: string;
  /** the new version's element it was mapped to */
  targetId: string;
  message: string;
}

/** Why one request cannot move (its state, not the mapping). */
export interface MigrationBlocker {
  code:
    | 'NOT_ACTIVE'
    | 'NO_MAPPING'
    | 'ACTIVE_MULTI_INSTANCE'
    | 'SCOPE_CHANGED'
    | 'TOKENS_AT_JOIN'
    | 'JOB_RUNNING'
    | 'CALL_RUNNING'
    | 'MESSAGE_CHANGED'
    | 'INCIDENT_NOT_MOVABLE';
  /** the old version's element it concerns */
  elementId: string;
  message: string;
}

/** An element's kind for a mapping: its type, and for events what they wait for (a timer is no message). */
function kindOf(element: ElementIR): string {
  const trigger = element.trigger?.kind;
  return trigger ? `${element.type}:${trigger}` : element.type;
}

const named = (element: ElementIR | undefined, id: string) => (element?.name ? `« ${element.name} » (${id})` : id);

/**
 * The mapping in force: elements with the same id and kind in both versions, overridden by what the
 * analyst gave. `problems` lists each given pair that cannot hold (unknown element, another kind,
 * two old elements sent to one new), in French then English.
 */
export function versionMapping(
  fromIr: ProcessIR,
  toIr: ProcessIR,
  given: VersionMapping = {},
): { mapping: VersionMapping; problems: MappingProblem[] } {
  const from = compiled(fromIr).elements;
  const to = compiled(toIr).elements;
  const mapping: VersionMapping = {};
  for (const [id, element] of Object.entries(from)) {
    const same = to[id];
    if (same && kindOf(same) === kindOf(element)) mapping[id] = id;
  }
  const problems: MappingProblem[] = [];
  for (const [elementId, targetId] of Object.entries(given)) {
    const source = from[elementId];
    const target = to[targetId];
    if (!source)
      problems.push({
        code: 'UNKNOWN_SOURCE_ELEMENT',
        elementId,
        targetId,
        message: `L'ancienne version n'a pas d'élément ${elementId}. / The old version has no element ${elementId}.`,
      });
    else if (!target)
      problems.push({
        code: 'UNKNOWN_TARGET_ELEMENT',
        elementId,
        targetId,
        message: `La nouvelle version n'a pas d'élément ${targetId} (visé depuis ${elementId}). / The new version has no element ${targetId} (mapped from ${elementId}).`,
      });
    else if (kindOf(source) !== kindOf(target))
      problems.push({
        code: 'ELEMENT_TYPE_MISMATCH',
        elementId,
        targetId,
        message: `${named(source, elementId)} est un élément ${kindOf(source)} ; il ne peut aller vers ${named(target, targetId)}, de type ${kindOf(target)}. Choisissez un élément du même type. / ${named(source, elementId)} is a ${kindOf(source)}; it cannot map to ${named(target, targetId)}, a ${kindOf(target)}. Choose an element of the same type.`,
      });
    else mapping[elementId] = targetId;
  }
  const byTarget = new Map<string, string>();
  for (const [elementId, targetId] of Object.entries(mapping)) {
    const other = byTarget.get(targetId);
    if (other && (elementId in given || other in given))
      problems.push({
        code: 'TARGET_MAPPED_TWICE',
        elementId: elementId in given ? elementId : other,
        targetId,
        message: `${other} et ${elementId} iraient tous deux vers ${targetId} ; un élément de la nouvelle version ne reçoit qu'un élément de l'ancienne. / ${other} and ${elementId} would both map to ${targetId}; a new element takes one old element only.`,
      });
    byTarget.set(targetId, elementId);
  }
  return { mapping, problems };
}

/** Everything a request can move with, or the reasons it cannot, each naming its element. */
export function migrationBlockers(
  state: ProcessState,
  fromIr: ProcessIR,
  toIr: ProcessIR,
  mapping: VersionMapping,
): MigrationBlocker[] {
  const s = engineState(state);
  const from = compiled(fromIr);
  const to = compiled(toIr);
  if (s.status !== 'active')
    return [
      {
        code: 'NOT_ACTIVE',
        elementId: from.processId,
        message: 'La demande est terminée. / The request has ended.',
      },
    ];
  const blockers: MigrationBlocker[] = [];
  const block = (code: MigrationBlocker['code'], elementId: string, fr: string, en: string) => {
    if (!blockers.some((b) => b.code === code && b.elementId === elementId))
      blockers.push({ code, elementId, message: `${fr} / ${en}` });
  };
  const name = (id: string) => named(from.elements[id], id);
  const target = (id: string) => (mapping[id] ? to.elements[mapping[id]] : undefined);
  const scopeIn = (instanceId: string | undefined) =>
    !instanceId || instanceId === ROOT ? undefined : mapping[s.instances[instanceId]?.el ?? ''];

  for (const [id, instance] of Object.entries(s.instances)) {
    if (id === ROOT) {
      if (Object.keys(instance.joins ?? {}).length > 0)
        block('TOKENS_AT_JOIN', from.processId, ...atJoin(Object.keys(instance.joins!)));
      continue;
    }
    const el = instance.el;
    if (!target(el)) {
      block(
        'NO_MAPPING',
        el,
        `La demande est à ${name(el)}, qui n'a pas de correspondance dans la nouvelle version.`,
        `The request stands at ${name(el)}, which maps to nothing in the new version.`,
      );
      continue;
    }
    if (instance.mi || instance.loop !== undefined)
      block(
        'ACTIVE_MULTI_INSTANCE',
        el,
        `${name(el)} est une activité multi-instance en cours ; attendez qu'elle se termine.`,
        `${name(el)} is an active multi-instance activity; wait until it ends.`,
      );
    if (instance.wait === 'job')
      block(
        'JOB_RUNNING',
        el,
        `La tâche de service ${name(el)} est en cours d'exécution ; réessayez quand elle aura fini.`,
        `Service task ${name(el)} is running; try again once it has finished.`,
      );
    if (instance.wait === 'call')
      block(
        'CALL_RUNNING',
        el,
        `La procédure appelée par ${name(el)} est en cours ; elle ne peut pas changer de version en route.`,
        `The procedure ${name(el)} calls is running; it cannot change version on the way.`,
      );
    if (Object.keys(instance.joins ?? {}).length > 0)
      block('TOKENS_AT_JOIN', el, ...atJoin(Object.keys(instance.joins!)));
    // A multi-instance item's parent is its body, the same element: the scope is above both.
    let up = instance.up;
    while (up && up !== ROOT && s.instances[up]?.el === el) up = s.instances[up]!.up;
    if (target(el)!.scope !== scopeIn(up))
      block(
        'SCOPE_CHANGED',
        el,
        `${name(el)} va vers ${mapping[el]}, qui n'est pas dans le même sous-processus.`,
        `${name(el)} maps to ${mapping[el]}, which is not in the same sub-process.`,
      );
  }

  for (const subscription of s.subscriptions) {
    const el = subscription.el;
    const mapped = target(el);
    if (!mapped) {
      block(
        'NO_MAPPING',
        el,
        `La demande attend l'événement ${name(el)}, qui n'a pas de correspondance dans la nouvelle version.`,
        `The request waits on event ${name(el)}, which maps to nothing in the new version.`,
      );
      continue;
    }
    if (subscription.role === 'boundary') {
      const host = s.instances[subscription.inst]?.el;
      if (host && mapped.attachedTo !== mapping[host])
        block(
          'SCOPE_CHANGED',
          el,
          `L'événement ${name(el)} va vers ${mapping[el]}, qui n'est pas attaché à l'élément où va ${name(host)}.`,
          `Event ${name(el)} maps to ${mapping[el]}, which is not attached to where ${name(host)} maps.`,
        );
    }
    if (subscription.role === 'eventStart') {
      const scope = scopeIn(subscription.inst);
      const starts = scope ? (to.elements[scope]?.eventStarts ?? []) : to.eventStarts;
      if (!starts.includes(mapping[el]!))
        block(
          'SCOPE_CHANGED',
          el,
          `Le début de sous-processus événementiel ${name(el)} va vers ${mapping[el]}, qui n'en est pas un au même endroit.`,
          `Event sub-process start ${name(el)} maps to ${mapping[el]}, which is not one in the same place.`,
        );
    }
    const trigger = mapped.trigger;
    if (subscription.kind === 'message' && trigger?.kind === 'message' && trigger.name !== subscription.name)
      block(
        'MESSAGE_CHANGED',
        el,
        `${name(el)} attend le message « ${subscription.name} » ; ${mapping[el]} en attend un autre (« ${trigger.name} »).`,
        `${name(el)} waits for message "${subscription.name}"; ${mapping[el]} waits for another ("${trigger.name}").`,
      );
  }

  for (const incident of s.incidents) {
    const retry = incident.retry;
    const el = 'el' in retry ? retry.el : undefined;
    const flow = retry.op === 'arrive' ? retry.flow : undefined;
    const flowKept = !flow || (to.flows[flow] !== undefined && to.flows[flow]!.target === mapping[el ?? '']);
    if ((el !== undefined && !mapping[el]) || !flowKept)
      block(
        'INCIDENT_NOT_MOVABLE',
        incident.el,
        `L'incident ${incident.id} à ${name(incident.el)} reprendrait sur un chemin absent de la nouvelle version ; résolvez-le d'abord.`,
        `Incident ${incident.id} at ${name(incident.el)} would retry on a path the new version lacks; resolve it first.`,
      );
  }

  for (const completed of s.comp ?? [])
    if (!mapping[completed.el])
      block(
        'NO_MAPPING',
        completed.el,
        `L'activité ${name(completed.el)}, déjà faite, peut encore être compensée mais n'a pas de correspondance.`,
        `Activity ${name(completed.el)}, done already, may still be compensated but maps to nothing.`,
      );
  return blockers;
}

function atJoin(gateways: string[]): [string, string] {
  const list = gateways.join(', ');
  return [
    `Des branches attendent à la jonction ${list} ; attendez qu'elles s'y rejoignent.`,
    `Branches wait at join ${list}; wait until they meet.`,
  ];
}

/** The element id a state's reference becomes: the process's own id follows the process. */
export function elementIdMapper(fromIr: ProcessIR, toIr: ProcessIR, mapping: VersionMapping) {
  return (id: string) => (id === fromIr.processId ? toIr.processId : (mapping[id] ?? id));
}

/**
 * The engine state on the new version: every element reference rewritten, everything else — instance
 * and subscription ids, variables, timers' dates — kept. Call only on a state without blockers.
 */
export function migrateState(
  state: ProcessState,
  fromIr: ProcessIR,
  toIr: ProcessIR,
  mapping: VersionMapping,
): ProcessState {
  const s = engineState(state);
  const id = elementIdMapper(fromIr, toIr, mapping);
  const moved: EngineState = {
    ...s,
    instances: Object.fromEntries(
      Object.entries(s.instances).map(([key, instance]) => [key, { ...instance, el: id(instance.el) }]),
    ),
    subscriptions: s.subscriptions.map((subscription) => ({ ...subscription, el: id(subscription.el) })),
    incidents: s.incidents.map((incident) => ({
      ...incident,
      el: id(incident.el),
      retry: 'el' in incident.retry ? { ...incident.retry, el: id(incident.retry.el) } : incident.retry,
    })),
    ...(s.comp ? { comp: s.comp.map((completed) => ({ ...completed, el: id(completed.el) })) } : {}),
  };
  return moved as unknown as ProcessState;
}

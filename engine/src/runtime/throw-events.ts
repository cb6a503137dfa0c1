// Sandbox-safe: BPMN errors and escalations travel up the scopes to the nearest boundary event
// or event sub-process that catches them.

import type { Run } from './run.ts';
import { ROOT } from './state.ts';
import { startEventSubProcess } from './subscriptions.ts';

type Kind = 'error' | 'escalation';
type Catcher = { via: 'boundary'; host: string; el: string } | { via: 'eventStart'; scope: string; el: string };

function matching(
  run: Run,
  candidates: string[] | undefined,
  kind: Kind,
  code: string | undefined,
): string | undefined {
  const catching = (candidates ?? []).filter((id) => run.element(id).trigger?.kind === kind);
  const codeOf = (id: string) => {
    const trigger = run.element(id).trigger;
    return trigger && 'code' in trigger ? trigger.code : undefined;
  };
  return catching.find((id) => code !== undefined && codeOf(id) === code) ?? catching.find((id) => !codeOf(id));
}

function findCatcher(run: Run, fromId: string, kind: Kind, code: string | undefined): Catcher | undefined {
  let current = fromId;
  for (;;) {
    const instance = run.state.instances[current];
    if (!instance || current === ROOT) return undefined;
    if (instance.loop === undefined) {
      const boundary = matching(run, run.ir.elements[instance.el]?.boundaries, kind, code);
      if (boundary) return { via: 'boundary', host: current, el: boundary };
    }
    const scopeId = instance.up ?? ROOT;
    const scope = run.state.instances[scopeId];
    const starts =
      scopeId === ROOT ? run.ir.eventStarts : scope?.mi ? undefined : run.ir.elements[scope?.el ?? '']?.eventStarts;
    const start = matching(run, starts, kind, code);
    if (start) return { via: 'eventStart', scope: scopeId, el: start };
    current = scopeId;
  }
}

function deliver(run: Run, catcher: Catcher): void {
  if (catcher.via === 'eventStart') {
    startEventSubProcess(run, catcher.scope, catcher.el);
    return;
  }
  const scopeId = run.state.instances[catcher.host]?.up ?? ROOT;
  const caught = run.createInstance(catcher.el, scopeId);
  if (run.element(catcher.el).interrupting !== false) run.cancelInstance(catcher.host);
  run.note(caught, 'triggered');
  run.schedule({ op: 'complete', inst: caught });
}

/** Throws a BPMN error from an instance; uncaught, it fails the process. */
export function throwError(run: Run, fromId: string, code: string | undefined, message: string): void {
  const catcher = findCatcher(run, fromId, 'error', code);
  if (catcher) {
    deliver(run, catcher);
    return;
  }
  const elementId = run.state.instances[fromId]?.el ?? fromId;
  run.failProcess(elementId, message, code !== undefined ? { errorCode: code } : {});
}

/** Throws an escalation; uncaught, nothing happens (as in Camunda). True when the thrower lives on. */
export function throwEscalation(run: Run, fromId: string, code: string | undefined): boolean {
  const catcher = findCatcher(run, fromId, 'escalation', code);
  if (catcher) deliver(run, catcher);
  return run.state.instances[fromId] !== undefined;
}

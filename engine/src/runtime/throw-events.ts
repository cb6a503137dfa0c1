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

/**
 * Throws a BPMN error from an instance. Uncaught, as in Camunda 8 (IR version 2), it becomes an
 * `UNHANDLED_ERROR` incident on the element that threw it — resolving it runs the element again (a
 * job is handed out again, an error end event throws again) — unless the process was started by a
 * call activity: then it fails with the error code, for the parent's call activity to catch. IRs of
 * version 1 fail the process, as they always did.
 */
export function throwError(run: Run, fromId: string, code: string | undefined, message: string): void {
  const catcher = findCatcher(run, fromId, 'error', code);
  if (catcher) {
    deliver(run, catcher);
    return;
  }
  const elementId = run.state.instances[fromId]?.el ?? fromId;
  if (run.guarded && !run.state.child && run.state.instances[fromId]) {
    const what = code !== undefined ? `The BPMN error "${code}"` : 'A BPMN error without a code';
    const incident = `${what} thrown by ${elementId} (${message}) is not caught: no error boundary event or error event sub-process catches it. Catch it in the model (a new version), or fix the cause, then resolve the incident to run ${elementId} again.`;
    run.raiseIncident(fromId, 'UNHANDLED_ERROR', incident, { op: 'activate', inst: fromId });
    return;
  }
  run.failProcess(elementId, message, code !== undefined ? { errorCode: code } : {});
}

/** Throws an escalation; uncaught, nothing happens (as in Camunda). True when the thrower lives on. */
export function throwEscalation(run: Run, fromId: string, code: string | undefined): boolean {
  const catcher = findCatcher(run, fromId, 'escalation', code);
  if (catcher) deliver(run, catcher);
  return run.state.instances[fromId] !== undefined;
}

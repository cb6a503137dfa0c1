// Sandbox-safe: compensation as Camunda 8 runs it. An activity with a compensation handler is
// remembered when it completes (once per completion; a multi-instance once, when all its instances
// are done). A compensation throw or end event invokes the handlers of the completed activities of
// its scope — and of the completed sub-processes inside it — or of the one activity it names, each
// completion compensated once; it waits until every handler it invoked has completed, then goes on.
// Handlers start together, the most recently completed activity first.

import type { ElementIR } from '../compiler/ir.ts';
import type { Run } from './run.ts';
import { type Compensable, ROOT } from './state.ts';
import { chain } from './variables.ts';

/** Remembers a completed activity that has a compensation handler. */
export function recordCompensable(run: Run, instanceId: string): void {
  const instance = run.state.instances[instanceId]!;
  const scopes = chain(run.state, instance.up ?? ROOT);
  run.state.comp = [...(run.state.comp ?? []), { el: instance.el, scopes }];
}

/** A cancelled scope takes its completed activities with it: they are no longer compensated. */
export function dropCompensable(run: Run, cancelledId: string): void {
  const kept = (run.state.comp ?? []).filter((record) => !record.scopes.includes(cancelledId));
  if (kept.length > 0) run.state.comp = kept;
  else delete run.state.comp;
}

/** The scope instance a throw compensates: its own, or the one around its event sub-process. */
function compensatedScope(run: Run, instanceId: string): string {
  let scopeId = run.state.instances[instanceId]?.up ?? ROOT;
  for (;;) {
    const scope = run.state.instances[scopeId];
    if (scopeId === ROOT || !scope || !run.ir.elements[scope.el]?.triggeredByEvent) return scopeId;
    scopeId = scope.up ?? ROOT;
  }
}

/** Broadcast: completed in the scope, or in a sub-process of it that has completed too. */
function completedWithin(run: Run, record: Compensable, scopeId: string): boolean {
  const at = record.scopes.indexOf(scopeId);
  if (at < 0) return false;
  for (let i = 0; i < at; i++) if (run.state.instances[record.scopes[i]!]) return false;
  return true;
}

/**
 * Runs a compensation throw: starts the handlers, under the throw event so that it completes when
 * they have; with nothing to compensate it goes on at once. True when it completes right away.
 */
export function throwCompensation(run: Run, instanceId: string, element: ElementIR): boolean {
  const activity = element.trigger?.kind === 'compensation' ? element.trigger.activity : undefined;
  const scopeId = compensatedScope(run, instanceId);
  const records = run.state.comp ?? [];
  const chosen = records.filter((record) =>
    activity ? record.el === activity && record.scopes[0] === scopeId : completedWithin(run, record, scopeId),
  );
  if (chosen.length === 0) return true;
  const kept = records.filter((record) => !chosen.includes(record));
  if (kept.length > 0) run.state.comp = kept;
  else delete run.state.comp;
  const thrower = run.state.instances[instanceId]!;
  thrower.live = 0;
  run.note(instanceId, 'waiting', `compensation of ${chosen.map((record) => record.el).join(', ')}`);
  for (const record of chosen.reverse()) {
    const handlerId = run.element(record.el).compensation!;
    run.schedule({ op: 'activate', inst: run.createInstance(handlerId, instanceId) });
  }
  return false;
}

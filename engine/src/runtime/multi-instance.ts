// Sandbox-safe: multi-instance activities (parallel or sequential) — the approval-chain pattern.
// A body instance holds the collection and the results; one inner instance runs per item.

import { MAX_COLLECTION_SIZE } from './limits.ts';
import type { Run } from './run.ts';
import { ROOT } from './state.ts';
import { subscribeBoundaries } from './subscriptions.ts';
import { propagate } from './variables.ts';

/** Enters a multi-instance activity: reads the input collection and starts the inner instances. */
export function activateBody(run: Run, bodyId: string): void {
  const body = run.state.instances[bodyId]!;
  const element = run.element(body.el);
  const multi = element.multiInstance!;
  const collection = run.feel(multi.inputCollection, body.up ?? ROOT);
  if (!collection.ok || !Array.isArray(collection.value)) {
    const why = collection.ok ? `it gave ${JSON.stringify(collection.value)}, not a list` : collection.message;
    const message = `The input collection of ${element.id} (${multi.inputCollection}) could not be read: ${why}. Set it to a list, then resolve the incident.`;
    run.raiseIncident(bodyId, 'INVALID_COLLECTION', message, { op: 'activate', inst: bodyId });
    return;
  }
  if (run.guarded && collection.value.length > MAX_COLLECTION_SIZE) {
    const message = `The input collection of ${element.id} (${multi.inputCollection}) holds ${collection.value.length} items; a multi-instance runs ${MAX_COLLECTION_SIZE} at most. Split the work (e.g. in batches with partition()), or shorten the list, then resolve the incident.`;
    run.raiseIncident(bodyId, 'COLLECTION_TOO_LARGE', message, { op: 'activate', inst: bodyId });
    return;
  }
  if (!subscribeBoundaries(run, bodyId, element.boundaries)) return;
  body.mi = { items: collection.value, next: 0, done: 0, out: collection.value.map(() => null) };
  body.live = 0;
  run.note(bodyId, 'activated', `${collection.value.length} instance(s)`);
  run.schedule({ op: 'advance', inst: bodyId });
}

function startInner(run: Run, bodyId: string): void {
  const body = run.state.instances[bodyId]!;
  const multi = run.element(body.el).multiInstance!;
  const index = body.mi!.next;
  run.stepsFrom(bodyId);
  const innerId = run.createInstance(body.el, bodyId);
  const inner = run.state.instances[innerId]!;
  inner.loop = index;
  inner.vars = { loopCounter: index + 1 };
  if (multi.inputElement) inner.vars[multi.inputElement] = body.mi!.items[index] ?? null;
  body.mi!.next = index + 1;
  run.schedule({ op: 'activate', inst: innerId });
}

/** An inner instance finished: keep its output element, then let the body advance. */
export function innerDone(run: Run, innerId: string): void {
  const inner = run.state.instances[innerId]!;
  const bodyId = inner.up!;
  const body = run.state.instances[bodyId]!;
  const multi = run.element(body.el).multiInstance!;
  if (multi.outputElement) {
    const output = run.feel(multi.outputElement, innerId);
    if (!output.ok) {
      const message = `The output element of ${body.el} (${multi.outputElement}) failed: ${output.message}. Fix the variables, then resolve the incident.`;
      run.raiseIncident(innerId, 'MAPPING_FAILED', message, { op: 'leave', inst: innerId });
      return;
    }
    body.mi!.out[inner.loop!] = output.value;
  }
  run.note(innerId, 'completed');
  run.removeInstance(innerId, false);
  body.mi!.done += 1;
  advance(run, bodyId);
}

/** Finishes the body when the completion condition holds or every item is done; else starts what is due. */
export function advance(run: Run, bodyId: string): void {
  const body = run.state.instances[bodyId];
  if (!body?.mi) return;
  const element = run.element(body.el);
  const multi = element.multiInstance!;
  const { items, done, next } = body.mi;
  if (multi.completionCondition && done > 0) {
    const counts = {
      numberOfInstances: items.length,
      numberOfCompletedInstances: done,
      numberOfActiveInstances: body.live ?? 0,
    };
    const result = run.feel(multi.completionCondition, bodyId, counts);
    if (!result.ok) {
      const message = `The completion condition of ${element.id} (${multi.completionCondition}) failed: ${result.message}. Fix the variables, then resolve the incident.`;
      run.raiseIncident(bodyId, 'CONDITION_FAILED', message, { op: 'advance', inst: bodyId });
      return;
    }
    if (result.value === true) {
      run.cancelChildren(bodyId);
      finish(run, bodyId);
      return;
    }
  }
  if (done === items.length) {
    finish(run, bodyId);
    return;
  }
  if (multi.sequential) {
    if ((body.live ?? 0) === 0 && next < items.length) startInner(run, bodyId);
    return;
  }
  while (body.mi.next < items.length) startInner(run, bodyId);
}

function finish(run: Run, bodyId: string): void {
  const body = run.state.instances[bodyId]!;
  const multi = run.element(body.el).multiInstance!;
  if (multi.outputCollection) propagate(run.state, body.up ?? ROOT, multi.outputCollection, body.mi!.out);
  body.mi!.done = body.mi!.items.length;
  run.leave(bodyId);
}

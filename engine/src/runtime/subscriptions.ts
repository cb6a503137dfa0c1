// Sandbox-safe: timers, message waits and signal waits — opening them and what happens when they trigger.

import type { TimerIR } from '../compiler/ir.ts';
import { addDuration, lastsASecond, parseDuration } from '../util/iso8601.ts';
import type { Run } from './run.ts';
import { type Operation, ROOT, type Subscription, type SubscriptionRole } from './state.ts';
import { firstDue } from './timer-due.ts';
import type { Variables } from './types.ts';

type Opened = { fireAt: string; repeat?: { left: number; every: string } } | { error: string };

function timerDue(run: Run, instanceId: string, timer: TimerIR): Opened {
  const [kind, text] = Object.entries(timer)[0] as [keyof TimerIR, string];
  const resolved = run.resolve(text, instanceId);
  if (!resolved.ok) return { error: resolved.message };
  const due = firstDue(kind, String(resolved.value), run.state.now);
  if ('error' in due || due.every === undefined) return due;
  if (run.guarded && !lastsASecond(parseDuration(due.every)!)) {
    return {
      error: `the cycle "${String(resolved.value)}" repeats in less than a second, so it would fire without end`,
    };
  }
  // the first firing is one of the repetitions
  const left = due.repetitions! < 0 ? -1 : due.repetitions! - 1;
  return { fireAt: due.fireAt, ...(left !== 0 ? { repeat: { left, every: due.every } } : {}) };
}

/**
 * Opens the wait of event `eventId` for an instance, once: an incident retry does not open it twice.
 * False when an incident was raised instead; resolving it activates the instance again, or — for an
 * event sub-process start — opens just this wait again.
 */
export function subscribe(run: Run, instanceId: string, eventId: string, role: SubscriptionRole): boolean {
  if (run.state.subscriptions.some((s) => s.inst === instanceId && s.el === eventId)) return true;
  const trigger = run.element(eventId).trigger;
  const id = run.nextId(eventId);
  const base = { id, inst: instanceId, el: eventId, role };
  const fail = (message: string) => {
    const text = `The ${trigger?.kind ?? ''} of ${eventId} could not be set: ${message}. Fix the variables, then resolve the incident.`;
    const retry: Operation =
      role === 'eventStart' ? { op: 'subscribe', inst: instanceId, el: eventId } : { op: 'activate', inst: instanceId };
    run.raiseIncident(instanceId, 'SUBSCRIPTION_FAILED', text, retry);
    return false;
  };
  if (trigger?.kind === 'timer') {
    const due = timerDue(run, instanceId, trigger.timer);
    if ('error' in due) return fail(due.error);
    run.state.subscriptions.push({ ...base, kind: 'timer', ...due });
    run.emit({ type: 'startTimer', timerId: id, elementId: eventId, fireAt: due.fireAt });
    return true;
  }
  if (trigger?.kind === 'message') {
    let key: string | undefined;
    if (trigger.correlationKey) {
      const resolved = run.resolve(trigger.correlationKey, instanceId);
      if (!resolved.ok) return fail(resolved.message);
      if (resolved.value === null) return fail(`the correlation key ${trigger.correlationKey} is null`);
      key = typeof resolved.value === 'string' ? resolved.value : JSON.stringify(resolved.value);
    }
    run.state.subscriptions.push({
      ...base,
      kind: 'message',
      name: trigger.name,
      ...(key !== undefined ? { key } : {}),
    });
    run.emit({
      type: 'waitMessage',
      subscriptionId: id,
      elementId: eventId,
      messageName: trigger.name,
      ...(key !== undefined ? { correlationKey: key } : {}),
    });
    return true;
  }
  if (trigger?.kind === 'signal') {
    run.state.subscriptions.push({ ...base, kind: 'signal', name: trigger.name });
    return true;
  }
  return true;
}

/** Opens the boundary events of an activity. */
export function subscribeBoundaries(run: Run, instanceId: string, boundaryIds: string[] | undefined): boolean {
  for (const boundaryId of boundaryIds ?? []) {
    // a compensation boundary waits for nothing: its handler runs when a throw compensates the activity
    if (run.element(boundaryId).trigger?.kind === 'compensation') continue;
    if (!subscribe(run, instanceId, boundaryId, 'boundary')) return false;
  }
  return true;
}

/** Opens the timer, message and signal starts of a scope's event sub-processes. */
export function subscribeEventStarts(run: Run, scopeId: string, startIds: string[] | undefined): void {
  for (const startId of startIds ?? []) {
    const kind = run.element(startId).trigger?.kind;
    if (kind === 'timer' || kind === 'message' || kind === 'signal') subscribe(run, scopeId, startId, 'eventStart');
  }
}

function rearmOrClose(run: Run, subscription: Subscription): void {
  const repeat = subscription.repeat;
  const list = run.state.subscriptions;
  if (subscription.kind === 'timer' && repeat) {
    const fireAt = addDuration(subscription.fireAt ?? run.state.now, parseDuration(repeat.every)!);
    subscription.fireAt = fireAt;
    if (repeat.left > 0) repeat.left -= 1;
    if (repeat.left === 0) delete subscription.repeat;
    run.emit({ type: 'startTimer', timerId: subscription.id, elementId: subscription.el, fireAt });
    return;
  }
  if (subscription.kind === 'timer') list.splice(list.indexOf(subscription), 1);
}

/** Starts an event sub-process of a scope at the given start event. */
export function startEventSubProcess(run: Run, scopeId: string, startId: string, variables?: Variables): void {
  const start = run.element(startId);
  if (start.interrupting !== false) {
    run.cancelChildren(scopeId);
    // the other event sub-process starts close; the scope's own boundary events stay open
    run.closeSubscriptions(scopeId, 'eventStart');
  }
  const eventSubId = run.createInstance(start.scope!, scopeId);
  run.note(eventSubId, 'activated');
  subscribeEventStarts(run, eventSubId, run.element(start.scope!).eventStarts);
  const startInstance = run.createInstance(startId, eventSubId);
  run.note(startInstance, 'triggered');
  run.acceptVariables(startInstance, variables);
  run.schedule({ op: 'complete', inst: startInstance });
}

/** What happens when a timer fires, a message arrives or a signal is received. */
export function trigger(run: Run, subscription: Subscription, variables?: Variables): void {
  const list = run.state.subscriptions;
  const owner = subscription.inst;
  const close = () => list.splice(list.indexOf(subscription), 1);
  switch (subscription.role) {
    case 'catch': {
      close();
      run.state.instances[owner]!.wait = undefined;
      run.note(owner, 'triggered');
      run.acceptVariables(owner, variables);
      run.schedule({ op: 'complete', inst: owner });
      return;
    }
    case 'gateway': {
      const scopeId = run.state.instances[owner]?.up ?? ROOT;
      const caught = run.createInstance(subscription.el, scopeId);
      close();
      run.note(owner, 'completed');
      run.removeInstance(owner, false);
      run.note(caught, 'triggered');
      run.acceptVariables(caught, variables);
      run.schedule({ op: 'complete', inst: caught });
      return;
    }
    case 'boundary': {
      const boundary = run.element(subscription.el);
      const scopeId = run.state.instances[owner]?.up ?? ROOT;
      const caught = run.createInstance(subscription.el, scopeId);
      if (boundary.interrupting !== false) {
        close();
        run.cancelInstance(owner);
      } else {
        rearmOrClose(run, subscription);
      }
      run.note(caught, 'triggered');
      run.acceptVariables(caught, variables);
      run.schedule({ op: 'complete', inst: caught });
      return;
    }
    case 'eventStart': {
      const interrupting = run.element(subscription.el).interrupting !== false;
      if (interrupting) close();
      else rearmOrClose(run, subscription);
      startEventSubProcess(run, owner, subscription.el, variables);
    }
  }
}

/** Triggers every wait for this signal, in the order they were opened; false when none waits. */
export function deliverSignal(run: Run, signalName: string, variables?: Variables): boolean {
  const waiting = run.state.subscriptions.filter((s) => s.kind === 'signal' && s.name === signalName);
  for (const subscription of waiting) {
    // an earlier trigger may have cancelled this wait (e.g. an interrupting boundary)
    if (run.state.subscriptions.includes(subscription)) trigger(run, subscription, variables);
  }
  return waiting.length > 0;
}

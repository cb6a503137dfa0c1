// Sandbox-safe: one step of the interpreter. Holds the agenda of operations, the token
// bookkeeping of scopes and the commands produced; the behaviour of each element lives beside it.

import { type CompiledProcess, type ElementIR, runsVersion2 } from '../compiler/ir.ts';
import { evaluateFeel, type FeelResult, resolveValue } from '../expressions/feel.ts';
import { activate } from './activate.ts';
import { dropCompensable, recordCompensable } from './compensation.ts';
import { EngineError } from './engine-error.ts';
import { takeFlows } from './flows.ts';
import { MAX_OPERATIONS_PER_STEP, MAX_STEPS_WITHOUT_WAIT } from './limits.ts';
import { advance, innerDone } from './multi-instance.ts';
import { applyOutputs } from './outputs.ts';
import {
  copyJson,
  type EngineState,
  type Instance,
  type Operation,
  ROOT,
  type Subscription,
  type SubscriptionRole,
} from './state.ts';
import { subscribe } from './subscriptions.ts';
import type { TraceAction, TraceEntry } from './trace.ts';
import type { Command, Variables } from './types.ts';
import { propagate, setLocal, visibleVariables } from './variables.ts';

export class Run {
  readonly commands: Command[] = [];
  /** IR version 2: issue 17's behaviours (limits, stuck joins, uncaught errors as incidents) */
  readonly guarded: boolean;
  private agenda: Operation[] = [];
  /** next operation of the agenda: a queue read by index, as shift() is linear in its length */
  private head = 0;
  private inclusiveWaiting = false;
  /** elements each instance's token passed through in this step without waiting (version 2) */
  private readonly hops = new Map<string, number>();
  /** hops of the operation being executed */
  private current = 0;
  private executed = 0;
  /** scopes where a token was parked at a join, or left while tokens wait at joins: look there for stuck joins */
  private joinsMoved: string[] = [];

  constructor(
    readonly ir: CompiledProcess,
    readonly state: EngineState,
    readonly trace?: TraceEntry[],
  ) {
    this.guarded = runsVersion2(ir);
  }

  element(id: string): ElementIR {
    const element = this.ir.elements[id];
    if (!element) {
      throw new EngineError(
        'IR_MISMATCH',
        `Element ${id} is not in process ${this.ir.processId}: this state belongs to another IR.`,
      );
    }
    return element;
  }

  instance(id: string): Instance | undefined {
    return this.state.instances[id];
  }

  /** A derived id: element id and a counter that only grows. */
  nextId(elementId: string): string {
    this.state.seq += 1;
    return `${elementId}#${this.state.seq}`;
  }

  schedule(operation: Operation): void {
    this.agenda.push(operation);
  }

  emit(command: Command): void {
    this.commands.push(command);
  }

  /** A copy of variables for a command, so that a host changing a command never changes the state. */
  snapshot(variables: Variables): Variables {
    return copyJson(variables) as Variables;
  }

  note(instanceId: string, action: TraceAction, detail?: string): void {
    if (!this.trace) return;
    const elementId = instanceId === ROOT ? this.ir.processId : (this.state.instances[instanceId]?.el ?? instanceId);
    const elementType = this.ir.elements[elementId]?.type ?? 'process';
    this.trace.push({
      elementId,
      elementType,
      instanceId,
      action,
      ...(detail ? { detail } : {}),
      variables: JSON.parse(JSON.stringify(this.state.variables)) as Variables,
    });
  }

  /** FEEL `=expr` (or a static value) against the variables visible from an instance. */
  resolve(text: string, instanceId: string): FeelResult {
    return resolveValue(text, visibleVariables(this.state, instanceId), this.state.now);
  }

  /** A FEEL expression, `=` optional, against the variables visible from an instance. */
  feel(text: string, instanceId: string, extra?: Variables): FeelResult {
    const context = visibleVariables(this.state, instanceId);
    return evaluateFeel(text, extra ? Object.assign(context, extra) : context, this.state.now);
  }

  /** Runs the agenda until nothing is left to do in this step. */
  drain(): void {
    for (;;) {
      while (this.head < this.agenda.length && this.state.status === 'active') {
        const operation = this.agenda[this.head++]!;
        if (this.head > 1024 && this.head * 2 > this.agenda.length) {
          this.agenda = this.agenda.slice(this.head);
          this.head = 0;
        }
        if (this.guarded && ++this.executed > MAX_OPERATIONS_PER_STEP) {
          this.overflow(operation);
          return;
        }
        this.execute(operation);
      }
      if (this.state.status !== 'active') return;
      if (!this.inclusiveWaiting || !this.settleInclusiveJoins()) break;
    }
    if (this.guarded && this.joinsMoved.length > 0) this.reportStuckJoins();
  }

  private execute(operation: Operation): void {
    if (this.guarded) {
      this.current = operation.op === 'arrive' ? (operation.hops ?? 0) : (this.hops.get(operation.inst) ?? 0);
    }
    switch (operation.op) {
      case 'arrive':
        this.arrive(operation.el, operation.scope, operation.flow);
        break;
      case 'activate':
        if (this.guarded && this.current > MAX_STEPS_WITHOUT_WAIT && this.state.instances[operation.inst]) {
          this.stepLimit(operation.inst);
          break;
        }
        activate(this, operation.inst);
        break;
      case 'complete':
        if (this.state.instances[operation.inst] && applyOutputs(this, operation.inst)) this.leave(operation.inst);
        break;
      case 'leave':
        this.leave(operation.inst);
        break;
      case 'advance':
        advance(this, operation.inst);
        break;
      case 'subscribe':
        if (this.state.instances[operation.inst]) subscribe(this, operation.inst, operation.el, 'eventStart');
        break;
      case 'joins':
        // nothing to run: the stuck-join check after the agenda looks again
        this.joinsMoved.push(operation.inst);
        break;
    }
  }

  /** A token went round too long without waiting: hold it as an incident where it would go next. */
  private stepLimit(instanceId: string): void {
    const elementId = this.state.instances[instanceId]!.el;
    const message = `A token passed through ${MAX_STEPS_WITHOUT_WAIT} elements without waiting for anything (a task, a timer, a message) and was stopped before ${elementId}: the model loops without end. Fix the loop's condition or its variables, then resolve the incident to let it go on.`;
    this.raiseIncident(instanceId, 'STEP_LIMIT', message, { op: 'activate', inst: instanceId });
  }

  /** Tokens multiply without ever waiting: stop the process before it exhausts its host. */
  private overflow(operation: Operation): void {
    const elementId =
      operation.op === 'arrive' ? operation.el : (this.state.instances[operation.inst]?.el ?? this.ir.processId);
    const message = `The process ran ${MAX_OPERATIONS_PER_STEP} operations in one step without waiting (near ${elementId}): its tokens multiply in a loop, e.g. a parallel fork inside a loop. It was stopped; fix the model.`;
    this.agenda = [];
    this.head = 0;
    this.failProcess(elementId, message, {}, 'STEP_LIMIT');
  }

  /**
   * Parallel joins that can never complete: every token left in their scope is parked at a join,
   * so no token can reach the flows they still wait for. Each becomes one incident naming them.
   */
  private reportStuckJoins(): void {
    const scopes = new Set(this.joinsMoved);
    this.joinsMoved = [];
    for (const scopeId of scopes) {
      const scope = this.state.instances[scopeId];
      if (!scope?.joins) continue;
      let parked = 0;
      for (const waiting of Object.values(scope.joins)) parked += waiting.length;
      if ((scope.live ?? 0) > parked) continue;
      for (const [gatewayId, arrived] of Object.entries(scope.joins)) {
        const gateway = this.element(gatewayId);
        if (gateway.type !== 'parallelGateway' || arrived.length === 0) continue;
        const known = this.state.incidents.some(
          (incident) => incident.code === 'STUCK_JOIN' && incident.inst === scopeId && incident.el === gatewayId,
        );
        if (known) continue;
        const missing = gateway.incoming.filter((flow) => !arrived.includes(flow));
        const from = missing.map((flow) => `${flow} (from ${this.ir.flows[flow]?.source ?? '?'})`).join(', ');
        const message = `The parallel join ${gatewayId} can never complete: it still waits for ${from}, and no token can reach ${missing.length > 1 ? 'them' : 'it'} any more. Correct the model so that every flow into the join is taken, or use an inclusive or exclusive gateway.`;
        this.raiseIncident(scopeId, 'STUCK_JOIN', message, { op: 'joins', inst: scopeId }, gatewayId);
      }
    }
  }

  /** Puts a token in flight towards an element of a scope. */
  sendToken(scopeId: string, elementId: string, flow?: string): void {
    const scope = this.state.instances[scopeId];
    if (!scope) return;
    scope.live = (scope.live ?? 0) + 1;
    const arrive: Extract<Operation, { op: 'arrive' }> = { op: 'arrive', el: elementId, scope: scopeId };
    if (flow) arrive.flow = flow;
    if (this.guarded) arrive.hops = this.current;
    this.schedule(arrive);
  }

  /**
   * What follows counts its steps from this instance's: a multi-instance item starts from its body,
   * however many items ran before it (the collection is bounded; only loops count up).
   */
  stepsFrom(instanceId: string): void {
    if (this.guarded) this.current = this.hops.get(instanceId) ?? 0;
  }

  /** Creates an element instance in a scope; it holds one of the scope's tokens. */
  createInstance(elementId: string, scopeId: string): string {
    const id = this.nextId(elementId);
    if (this.guarded) this.hops.set(id, this.current + 1);
    this.state.instances[id] = { el: elementId, up: scopeId };
    const scope = this.state.instances[scopeId];
    if (scope) scope.live = (scope.live ?? 0) + 1;
    return id;
  }

  private arrive(elementId: string, scopeId: string, flow: string | undefined): void {
    const scope = this.state.instances[scopeId];
    if (!scope) return;
    const element = this.element(elementId);
    const isJoin =
      (element.type === 'parallelGateway' || element.type === 'inclusiveGateway') && element.incoming.length > 1;
    if (!isJoin) {
      scope.live = (scope.live ?? 1) - 1;
      this.schedule({ op: 'activate', inst: this.createInstance(elementId, scopeId) });
      return;
    }
    scope.joins ??= {};
    scope.joins[elementId] ??= [];
    scope.joins[elementId].push(flow ?? '');
    if (this.guarded) this.joinsMoved.push(scopeId);
    if (element.type === 'inclusiveGateway') {
      this.inclusiveWaiting = true;
      return;
    }
    const arrived = scope.joins[elementId];
    if (element.incoming.every((incoming) => arrived.includes(incoming))) this.fireJoin(scopeId, element);
  }

  /** Consumes one waiting token per incoming flow and activates the gateway once. */
  private fireJoin(scopeId: string, gateway: ElementIR): void {
    const scope = this.state.instances[scopeId]!;
    const arrived = scope.joins?.[gateway.id] ?? [];
    let consumed = 0;
    for (const incoming of gateway.incoming) {
      const at = arrived.indexOf(incoming);
      if (at >= 0) {
        arrived.splice(at, 1);
        consumed += 1;
      }
    }
    if (arrived.length === 0) delete scope.joins![gateway.id];
    scope.live = (scope.live ?? consumed) - consumed;
    this.schedule({ op: 'activate', inst: this.createInstance(gateway.id, scopeId) });
  }

  /** Fires inclusive joins no further token can reach. True when one fired. */
  private settleInclusiveJoins(): boolean {
    this.inclusiveWaiting = false;
    for (const [scopeId, scope] of Object.entries(this.state.instances)) {
      for (const gatewayId of Object.keys(scope.joins ?? {})) {
        const gateway = this.element(gatewayId);
        if (gateway.type === 'inclusiveGateway' && !this.canStillArrive(scopeId, gateway)) {
          this.fireJoin(scopeId, gateway);
          this.inclusiveWaiting = true;
          return true;
        }
      }
    }
    return false;
  }

  private canStillArrive(scopeId: string, gateway: ElementIR): boolean {
    const scope = this.state.instances[scopeId]!;
    const arrived = scope.joins?.[gateway.id] ?? [];
    if (gateway.incoming.every((incoming) => arrived.includes(incoming))) return false;
    for (const instance of Object.values(this.state.instances)) {
      if (instance.up === scopeId && this.ir.elements[instance.el]?.reaches?.includes(gateway.id)) return true;
    }
    for (const [otherId, waiting] of Object.entries(scope.joins ?? {})) {
      if (otherId !== gateway.id && waiting.length > 0 && this.element(otherId).reaches?.includes(gateway.id)) {
        return true;
      }
    }
    return false;
  }

  /** Hands variables that came back with an event to an instance, as Zeebe does. */
  acceptVariables(instanceId: string, variables: Variables | undefined): void {
    if (!variables) return;
    const instance = this.state.instances[instanceId];
    if (!instance) return;
    const keepLocal = this.ir.elements[instance.el]?.outputs !== undefined;
    for (const [name, value] of Object.entries(variables)) {
      if (keepLocal) setLocal(this.state, instanceId, name, value);
      else propagate(this.state, instanceId, name, value);
    }
  }

  /** The element is done: take its outgoing flows and give up its token. */
  leave(instanceId: string): void {
    const instance = this.state.instances[instanceId];
    if (!instance) return;
    if (instance.loop !== undefined) {
      innerDone(this, instanceId);
      return;
    }
    const element = this.element(instance.el);
    const targets = takeFlows(this, instanceId, element);
    if (targets === undefined) return;
    if (element.compensation) recordCompensable(this, instanceId);
    this.note(instanceId, element.type === 'endEvent' ? 'ended' : 'completed');
    const scopeId = instance.up ?? ROOT;
    for (const [target, flow] of targets) this.sendToken(scopeId, target, flow);
    this.removeInstance(instanceId, true);
  }

  /** Removes an instance; `ended` means its token finished normally, which may complete its scope. */
  removeInstance(instanceId: string, ended: boolean): void {
    const instance = this.state.instances[instanceId];
    if (!instance) return;
    this.closeSubscriptions(instanceId);
    delete this.state.instances[instanceId];
    if (this.state.incidents.some((incident) => incident.inst === instanceId)) {
      this.state.incidents = this.state.incidents.filter((incident) => incident.inst !== instanceId);
    }
    const scope = instance.up ? this.state.instances[instance.up] : undefined;
    if (!scope) return;
    if (scope.joins && this.guarded) this.joinsMoved.push(instance.up!);
    scope.live = (scope.live ?? 1) - 1;
    if (ended && scope.live === 0 && !scope.mi) this.scopeDone(instance.up!);
  }

  private scopeDone(scopeId: string): void {
    if (scopeId !== ROOT) {
      this.schedule({ op: 'complete', inst: scopeId });
      return;
    }
    this.closeSubscriptions(ROOT);
    this.state.instances = {};
    this.state.incidents = [];
    delete this.state.comp;
    this.state.status = 'completed';
    this.note(ROOT, 'completed');
    this.emit({ type: 'complete', variables: this.snapshot(this.state.variables) });
  }

  /** Cancels an instance and everything inside it, telling the host what to stop. */
  cancelInstance(instanceId: string): void {
    const instance = this.state.instances[instanceId];
    if (!instance) return;
    this.cancelChildren(instanceId);
    if (this.state.comp) dropCompensable(this, instanceId);
    if (instance.wait === 'task') this.emit({ type: 'cancelTask', taskId: instanceId, elementId: instance.el });
    if (instance.wait === 'job') this.emit({ type: 'cancelJob', jobId: instanceId, elementId: instance.el });
    if (instance.wait === 'call') this.emit({ type: 'cancelCall', callId: instanceId, elementId: instance.el });
    this.note(instanceId, 'cancelled');
    this.removeInstance(instanceId, false);
  }

  /** Cancels every instance and parked token inside a scope; the scope itself stays. */
  cancelChildren(scopeId: string): void {
    for (const [id, instance] of Object.entries(this.state.instances)) {
      if (instance.up === scopeId) this.cancelInstance(id);
    }
    const scope = this.state.instances[scopeId];
    if (scope?.joins) {
      let parked = 0;
      for (const waiting of Object.values(scope.joins)) parked += waiting.length;
      scope.live = (scope.live ?? parked) - parked;
      delete scope.joins;
    }
  }

  /** Closes the timers, message waits and signal waits an instance holds (only those of a role, if given). */
  closeSubscriptions(instanceId: string, role?: SubscriptionRole): void {
    const closes = (subscription: Subscription) =>
      subscription.inst === instanceId && (role === undefined || subscription.role === role);
    if (!this.state.subscriptions.some(closes)) return;
    this.state.subscriptions = this.state.subscriptions.filter((subscription) => {
      if (!closes(subscription)) return true;
      if (subscription.kind === 'timer') {
        this.emit({ type: 'cancelTimer', timerId: subscription.id, elementId: subscription.el });
      } else if (subscription.kind === 'message') {
        this.emit({ type: 'cancelMessageWait', subscriptionId: subscription.id, elementId: subscription.el });
      }
      return false;
    });
  }

  /** Ends a scope at once (terminate end event): the process terminates, a sub-process completes. */
  terminateScope(scopeId: string): void {
    this.cancelChildren(scopeId);
    if (scopeId !== ROOT) {
      this.schedule({ op: 'complete', inst: scopeId });
      return;
    }
    this.closeSubscriptions(ROOT);
    this.state.instances = {};
    this.state.incidents = [];
    delete this.state.comp;
    this.state.status = 'terminated';
    this.note(ROOT, 'terminated');
    this.emit({ type: 'terminate', variables: this.snapshot(this.state.variables) });
  }

  /**
   * The process fails and tells its host: an error nothing catches in a called process (its parent
   * may catch it), or — `code` — a model the engine had to stop (`STEP_LIMIT`).
   */
  failProcess(
    elementId: string,
    message: string,
    codes: { errorCode?: string; escalationCode?: string },
    code?: string,
  ): void {
    this.cancelChildren(ROOT);
    this.closeSubscriptions(ROOT);
    this.state.instances = {};
    this.state.incidents = [];
    delete this.state.comp;
    this.state.status = 'failed';
    this.note(ROOT, 'failed', message);
    this.emit({ type: 'fail', elementId, ...codes, ...(code ? { code } : {}), message });
  }

  /** Holds the operation that failed as an incident until an `incidentResolved` event. */
  raiseIncident(instanceId: string, code: string, message: string, retry: Operation, at?: string): void {
    const elementId = at ?? this.state.instances[instanceId]?.el ?? instanceId;
    const id = this.nextId(elementId);
    this.state.incidents.push({ id, inst: instanceId, el: elementId, code, message, retry });
    this.note(instanceId, 'incident', message);
    this.emit({ type: 'incident', incidentId: id, elementId, code, message });
  }
}

// Sandbox-safe: one step of the interpreter. Holds the agenda of operations, the token
// bookkeeping of scopes and the commands produced; the behaviour of each element lives beside it.

import type { CompiledProcess, ElementIR } from '../compiler/ir.ts';
import { evaluateFeel, type FeelResult, resolveValue } from '../expressions/feel.ts';
import { activate } from './activate.ts';
import { EngineError } from './engine-error.ts';
import { takeFlows } from './flows.ts';
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
  private readonly agenda: Operation[] = [];
  private inclusiveWaiting = false;

  constructor(
    readonly ir: CompiledProcess,
    readonly state: EngineState,
    readonly trace?: TraceEntry[],
  ) {}

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
      while (this.agenda.length > 0 && this.state.status === 'active') this.execute(this.agenda.shift()!);
      if (this.state.status !== 'active' || !this.inclusiveWaiting || !this.settleInclusiveJoins()) return;
    }
  }

  private execute(operation: Operation): void {
    switch (operation.op) {
      case 'arrive':
        this.arrive(operation.el, operation.scope, operation.flow);
        break;
      case 'activate':
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
    }
  }

  /** Puts a token in flight towards an element of a scope. */
  sendToken(scopeId: string, elementId: string, flow?: string): void {
    const scope = this.state.instances[scopeId];
    if (!scope) return;
    scope.live = (scope.live ?? 0) + 1;
    this.schedule({ op: 'arrive', el: elementId, scope: scopeId, ...(flow ? { flow } : {}) });
  }

  /** Creates an element instance in a scope; it holds one of the scope's tokens. */
  createInstance(elementId: string, scopeId: string): string {
    const id = this.nextId(elementId);
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
    this.state.status = 'completed';
    this.note(ROOT, 'completed');
    this.emit({ type: 'complete', variables: this.snapshot(this.state.variables) });
  }

  /** Cancels an instance and everything inside it, telling the host what to stop. */
  cancelInstance(instanceId: string): void {
    const instance = this.state.instances[instanceId];
    if (!instance) return;
    this.cancelChildren(instanceId);
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
    this.state.status = 'terminated';
    this.note(ROOT, 'terminated');
    this.emit({ type: 'terminate', variables: this.snapshot(this.state.variables) });
  }

  /** An error nothing catches: the process fails and tells its host (a parent may catch it). */
  failProcess(elementId: string, message: string, codes: { errorCode?: string; escalationCode?: string }): void {
    this.cancelChildren(ROOT);
    this.closeSubscriptions(ROOT);
    this.state.instances = {};
    this.state.incidents = [];
    this.state.status = 'failed';
    this.note(ROOT, 'failed', message);
    this.emit({ type: 'fail', elementId, ...codes, message });
  }

  /** Holds the operation that failed as an incident until an `incidentResolved` event. */
  raiseIncident(instanceId: string, code: string, message: string, retry: Operation): void {
    const elementId = this.state.instances[instanceId]?.el ?? instanceId;
    const id = this.nextId(elementId);
    this.state.incidents.push({ id, inst: instanceId, el: elementId, code, message, retry });
    this.note(instanceId, 'incident', message);
    this.emit({ type: 'incident', incidentId: id, elementId, code, message });
  }
}

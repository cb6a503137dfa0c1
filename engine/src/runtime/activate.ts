// Sandbox-safe: what each kind of element does when a token reaches it.

import type { ElementIR, ElementType } from '../compiler/ir.ts';
import { evaluateDecision } from '../dmn/evaluate-decision.ts';
import { throwCompensation } from './compensation.ts';
import { activateBody } from './multi-instance.ts';
import { applyInputs } from './outputs.ts';
import type { Run } from './run.ts';
import { ROOT } from './state.ts';
import { deliverSignal, subscribe, subscribeBoundaries, subscribeEventStarts } from './subscriptions.ts';
import { throwError, throwEscalation } from './throw-events.ts';
import type { Variables } from './types.ts';
import { visibleVariables } from './variables.ts';
import { openTask, runJob, startCall } from './work-items.ts';

type Behaviour = (run: Run, instanceId: string, element: ElementIR) => void;

/** Runs the element an instance stands for; a FEEL failure becomes an incident. */
export function activate(run: Run, instanceId: string): void {
  const instance = run.state.instances[instanceId];
  if (!instance) return;
  const element = run.element(instance.el);
  if (element.multiInstance && instance.loop === undefined) {
    activateBody(run, instanceId);
    return;
  }
  if (!applyInputs(run, instanceId, element.inputs)) return;
  if (instance.loop === undefined && !subscribeBoundaries(run, instanceId, element.boundaries)) return;
  run.note(instanceId, 'activated');
  BEHAVIOURS[element.type](run, instanceId, element);
}

const passThrough: Behaviour = (run, instanceId) => run.schedule({ op: 'complete', inst: instanceId });

const waitForEvent: Behaviour = (run, instanceId, element) => {
  if (element.trigger?.kind === 'link') {
    passThrough(run, instanceId, element);
    return;
  }
  if (!subscribe(run, instanceId, element.id, 'catch')) return;
  run.state.instances[instanceId]!.wait = 'event';
  run.note(instanceId, 'waiting', element.trigger?.kind);
};

/** Message, signal and escalation throws; then the element completes (an end event ends its token). */
const throwEvent: Behaviour = (run, instanceId, element) => {
  const trigger = element.trigger;
  if (element.job) {
    runJob(run, instanceId, element);
    return;
  }
  switch (trigger?.kind) {
    case 'message': {
      const key = trigger.correlationKey ? run.resolve(trigger.correlationKey, instanceId) : undefined;
      if (key && !key.ok) {
        const message = `The correlation key of ${element.id} (${trigger.correlationKey}) failed: ${key.message}. Fix the variables, then resolve the incident.`;
        run.raiseIncident(instanceId, 'MAPPING_FAILED', message, { op: 'activate', inst: instanceId });
        return;
      }
      run.emit({
        type: 'publishMessage',
        elementId: element.id,
        messageName: trigger.name,
        ...(key?.ok && key.value !== null ? { correlationKey: String(key.value) } : {}),
        variables: run.snapshot(run.state.instances[instanceId]?.vars ?? {}),
      });
      break;
    }
    case 'signal':
      broadcastSignal(run, element.id, trigger.name, run.snapshot(run.state.instances[instanceId]?.vars ?? {}));
      break;
    case 'escalation':
      if (!throwEscalation(run, instanceId, trigger.code)) return;
      break;
    case 'terminate':
      run.terminateScope(run.state.instances[instanceId]?.up ?? ROOT);
      return;
    case 'compensation':
      if (!throwCompensation(run, instanceId, element)) return;
      break;
    case 'error':
      throwError(
        run,
        instanceId,
        trigger.code,
        trigger.message ?? `error ${trigger.code ?? ''} thrown by ${element.id}`,
      );
      return;
  }
  passThrough(run, instanceId, element);
};

/** Tells the host, then delivers to this instance's own signal waits (hosts must not echo it back). */
function broadcastSignal(run: Run, elementId: string, signalName: string, variables: Variables): void {
  run.emit({ type: 'throwSignal', elementId, signalName, variables });
  deliverSignal(run, signalName, run.snapshot(variables));
}

const scriptTask: Behaviour = (run, instanceId, element) => {
  if (!element.script) {
    runJob(run, instanceId, element);
    return;
  }
  const result = run.feel(element.script.expression, instanceId);
  if (!result.ok) {
    const message = `The script of ${element.id} (${element.script.expression}) failed: ${result.message}. Fix the variables, then resolve the incident.`;
    run.raiseIncident(instanceId, 'SCRIPT_FAILED', message, { op: 'activate', inst: instanceId });
    return;
  }
  run.acceptVariables(instanceId, { [element.script.resultVariable]: result.value });
  passThrough(run, instanceId, element);
};

/** A DMN decision (zeebe:calledDecision), evaluated here and now; else a job, as a service task. */
const businessRuleTask: Behaviour = (run, instanceId, element) => {
  if (!element.decision) {
    runJob(run, instanceId, element);
    return;
  }
  const { decisionId, resultVariable } = element.decision;
  const failed = (code: string, why: string) => {
    const message = `The decision ${decisionId} called by ${element.id} failed: ${why}. Fix the variables (or the decision, in a new version), then resolve the incident.`;
    run.raiseIncident(instanceId, code, message, { op: 'activate', inst: instanceId });
  };
  const id = run.resolve(decisionId, instanceId);
  if (!id.ok) {
    failed('EXPRESSION_FAILED', id.message);
    return;
  }
  const result = evaluateDecision(
    run.ir.decisions ?? {},
    String(id.value),
    visibleVariables(run.state, instanceId),
    run.state.now,
  );
  if (!result.ok) {
    failed('DECISION_FAILED', result.message);
    return;
  }
  run.acceptVariables(instanceId, { [resultVariable]: result.value });
  passThrough(run, instanceId, element);
};

const eventBasedGateway: Behaviour = (run, instanceId, element) => {
  for (const flowId of element.outgoing) {
    if (!subscribe(run, instanceId, run.ir.flows[flowId]!.target, 'gateway')) return;
  }
  run.state.instances[instanceId]!.wait = 'event';
  run.note(instanceId, 'waiting');
};

const subProcess: Behaviour = (run, instanceId, element) => {
  run.state.instances[instanceId]!.live = 0;
  subscribeEventStarts(run, instanceId, element.eventStarts);
  run.sendToken(instanceId, element.start!);
};

const BEHAVIOURS: Record<ElementType, Behaviour> = {
  startEvent: passThrough,
  endEvent: throwEvent,
  intermediateCatchEvent: waitForEvent,
  intermediateThrowEvent: throwEvent,
  boundaryEvent: passThrough,
  task: passThrough,
  manualTask: passThrough,
  userTask: openTask,
  serviceTask: runJob,
  sendTask: runJob,
  businessRuleTask,
  scriptTask,
  receiveTask: waitForEvent,
  exclusiveGateway: passThrough,
  parallelGateway: passThrough,
  inclusiveGateway: passThrough,
  eventBasedGateway,
  subProcess,
  callActivity: startCall,
};

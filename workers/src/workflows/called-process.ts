// Sandbox-safe: a request's workflow running a call activity's called process, for its caller.
import type { RequestLifecycle } from '@parvis/engine/runtime';
import { ApplicationFailure } from '@temporalio/workflow';
import { BPMN_ERROR } from '../jobs/bpmn-error.ts';

/**
 * Called processes started since this marker fail, for their caller, on a BPMN error they do not
 * catch (Camunda's semantics): the caller's boundary for that code takes it. Before, such an error
 * was an incident inside the called process, and its caller went on as if it had completed.
 */
export const CALLED_PROCESSES_FAIL = 'called-processes-fail';

/** A called process that failed on a BPMN error ends its workflow with it, for its caller. */
export function failAsCall(lifecycle: RequestLifecycle): void {
  const failure = lifecycle.step.commands.find((command) => command.type === 'fail');
  if (lifecycle.status !== 'failed' || failure?.type !== 'fail' || !failure.errorCode) return;
  throw ApplicationFailure.nonRetryable(failure.message, BPMN_ERROR, { errorCode: failure.errorCode });
}

// Node only: the workflows' knobs for tests and demos, which travel in each started workflow's memo
// so that no request's input carries them. Production sets neither variable: nothing is added.
import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { WorkflowTuning } from './messages.ts';

/**
 * PARVIS_CLOCK_SCALE makes alarms ring faster (1000000: two months in five seconds);
 * PARVIS_HISTORY_LIMIT makes requests continue as new sooner. Read when a workflow starts.
 */
export function workflowTuning(env: NodeJS.ProcessEnv = process.env): WorkflowTuning {
  const clockScale = Number(env.PARVIS_CLOCK_SCALE);
  const historyLimit = Number(env.PARVIS_HISTORY_LIMIT);
  return {
    ...(clockScale > 0 ? { clockScale } : {}),
    ...(historyLimit > 0 ? { historyLimit } : {}),
  };
}

/** A client interceptor that puts the tuning of the moment into the memo of every workflow it starts. */
export function tuningInterceptor(read: () => WorkflowTuning = () => workflowTuning()): WorkflowClientInterceptor {
  const withTuning = <T extends { options: { memo?: Record<string, unknown> } }>(input: T): T => {
    const tuning = read();
    if (Object.keys(tuning).length === 0) return input;
    return { ...input, options: { ...input.options, memo: { ...input.options.memo, tuning } } };
  };
  return {
    start: (input, next) => next(withTuning(input)),
    startWithDetails: (input, next) => next(withTuning(input)),
    signalWithStart: (input, next) => next(withTuning(input)),
  };
}

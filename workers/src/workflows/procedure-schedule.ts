// Sandbox-safe: a scheduled procedure (timer start event) files a request each time it is due.
import { type ProcessIR, scheduledStarts } from '@parvis/engine/runtime';
import {
  makeContinueAsNewFunc,
  ParentClosePolicy,
  proxyActivities,
  sleep,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { RequestActivities } from '../activities/index.ts';
import { REQUEST_WORKFLOW_TASK_TIMEOUT, type WorkflowTuning } from '../messages.ts';
import { requestWorkflow } from './request.ts';

const io = proxyActivities<RequestActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

export interface ProcedureScheduleInput {
  versionId: string;
  ir: ProcessIR;
  startEventId: string;
  /** due time of the last request filed, and how many were, across continue-as-new */
  lastDueAt?: string;
  filed?: number;
}

/**
 * Sleeps until the start event is next due, files the request and starts its workflow (which
 * outlives this one), and again while the timer repeats: a date or a duration fires once, a cycle
 * `R<n>/<interval>` n times (for ever without n).
 */
export async function procedureScheduleWorkflow(input: ProcedureScheduleInput): Promise<{ filed: number }> {
  let filed = input.filed ?? 0;
  let lastDueAt = input.lastDueAt;
  for (;;) {
    // With a faster clock the workflow's time lags the due times: count from the last one.
    const from = lastDueAt && lastDueAt > new Date().toISOString() ? lastDueAt : new Date().toISOString();
    const next = scheduledStarts(input.ir, from).find((start) => start.startEventId === input.startEventId);
    const repeats = next?.every !== undefined;
    const exhausted = lastDueAt !== undefined && (!repeats || (next!.repetitions! >= 0 && filed >= next!.repetitions!));
    if (!next || exhausted) return { filed };
    const { clockScale = 1 } = (workflowInfo().memo?.tuning ?? {}) as WorkflowTuning;
    await sleep(Math.max(0, Date.parse(next.fireAt) - Date.parse(from)) / clockScale);
    const request = await io.fileScheduledRequest({
      versionId: input.versionId,
      startEventId: input.startEventId,
      dueAt: next.fireAt,
    });
    await startChild(requestWorkflow, {
      workflowId: `request-${request.trackingCode}`,
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowTaskTimeout: REQUEST_WORKFLOW_TASK_TIMEOUT,
      memo: workflowInfo().memo,
      args: [request],
    });
    filed++;
    lastDueAt = next.fireAt;
    if (workflowInfo().continueAsNewSuggested)
      await makeContinueAsNewFunc<typeof procedureScheduleWorkflow>({ memo: workflowInfo().memo })({
        ...input,
        lastDueAt,
        filed,
      });
  }
}

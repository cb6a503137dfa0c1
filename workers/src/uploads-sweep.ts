import { type Client, ScheduleAlreadyRunning, type ScheduleHandle, ScheduleOverlapPolicy } from '@temporalio/client';
import { TASK_QUEUE } from './messages.ts';

export const UPLOADS_SWEEP_SCHEDULE_ID = 'sweep-unattached-uploads';

/** Every ten minutes: an upload left unattached for its hour is gone at most ten minutes later. */
const SPEC = { intervals: [{ every: '10 minutes' }] };

/**
 * Makes sure the Temporal schedule that sweeps unattached uploads every ten minutes exists, with
 * that interval (a schedule created by an earlier version, hourly, is brought to it). A schedule
 * lives in the Temporal cluster, not in a process: however many workers and API processes run,
 * each round starts once, and a round still running skips the next.
 */
export async function ensureUploadsSweepSchedule(client: Client): Promise<ScheduleHandle> {
  try {
    await client.schedule.create({
      scheduleId: UPLOADS_SWEEP_SCHEDULE_ID,
      spec: SPEC,
      action: {
        type: 'startWorkflow',
        workflowType: 'unattachedUploadsSweepWorkflow',
        taskQueue: TASK_QUEUE,
        args: [],
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(UPLOADS_SWEEP_SCHEDULE_ID).update((previous) => ({ ...previous, spec: SPEC }));
  }
  return client.schedule.getHandle(UPLOADS_SWEEP_SCHEDULE_ID);
}

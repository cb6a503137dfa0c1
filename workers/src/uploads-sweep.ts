import { type Client, ScheduleAlreadyRunning, type ScheduleHandle, ScheduleOverlapPolicy } from '@temporalio/client';
import { TASK_QUEUE } from './messages.ts';

export const UPLOADS_SWEEP_SCHEDULE_ID = 'sweep-unattached-uploads';

/**
 * Makes sure the Temporal schedule that sweeps unattached uploads every hour exists. A schedule
 * lives in the Temporal cluster, not in a process: however many workers and API processes run,
 * each round starts once, and a round still running skips the next.
 */
export async function ensureUploadsSweepSchedule(client: Client): Promise<ScheduleHandle> {
  try {
    await client.schedule.create({
      scheduleId: UPLOADS_SWEEP_SCHEDULE_ID,
      spec: { intervals: [{ every: '1 hour' }] },
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
  }
  return client.schedule.getHandle(UPLOADS_SWEEP_SCHEDULE_ID);
}

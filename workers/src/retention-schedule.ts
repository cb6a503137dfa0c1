import { type Client, ScheduleAlreadyRunning, type ScheduleHandle, ScheduleOverlapPolicy } from '@temporalio/client';
import { TASK_QUEUE } from './messages.ts';

export const RETENTION_SCHEDULE_ID = 'retention-sweep';

/** Every night at 03:00 UTC, when towns file least. */
const SPEC = { calendars: [{ hour: 3, minute: 0 }] };

/**
 * Makes sure the Temporal schedule that anonymises closed requests past their retention period
 * exists (workers/src/activities/retention.ts). It lives in the cluster: however many workers run,
 * each night's round starts once, and a round still running skips the next.
 */
export async function ensureRetentionSchedule(client: Client): Promise<ScheduleHandle> {
  try {
    await client.schedule.create({
      scheduleId: RETENTION_SCHEDULE_ID,
      spec: SPEC,
      action: { type: 'startWorkflow', workflowType: 'retentionSweepWorkflow', taskQueue: TASK_QUEUE, args: [] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
  return client.schedule.getHandle(RETENTION_SCHEDULE_ID);
}

// Sandbox-safe: one round of the retention sweep, every night, of closed requests past their period.
import { proxyActivities } from '@temporalio/workflow';
import type { RequestActivities } from '../activities/index.ts';
import type { RetentionPurge } from '../activities/retention.ts';

const io = proxyActivities<RequestActivities>({
  startToCloseTimeout: '30 minutes',
  retry: { initialInterval: '1 minute', maximumInterval: '30 minutes', maximumAttempts: 5 },
});

/** Started by the schedule `retention-sweep` (retention-schedule.ts). */
export async function retentionSweepWorkflow(): Promise<{ purges: RetentionPurge[] }> {
  return { purges: await io.applyRetention() };
}

// Sandbox-safe: one round of the sweep, every ten minutes, of uploads never attached to a request.
import { proxyActivities } from '@temporalio/workflow';
import type { RequestActivities } from '../activities/index.ts';

const io = proxyActivities<RequestActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '5 minutes', maximumAttempts: 5 },
});

/** Started by the schedule `sweep-unattached-uploads` (uploads-sweep.ts). */
export async function unattachedUploadsSweepWorkflow(): Promise<{ deleted: number }> {
  return { deleted: await io.sweepUnattachedUploads() };
}

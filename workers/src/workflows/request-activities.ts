// Sandbox-safe: the request workflow's activities, as its files call them. Retried every 10 s at most
// until PostgreSQL, SMTP or Temporal are back: a step's record catches up soon after.
import { proxyActivities } from '@temporalio/workflow';
import type { RequestActivities } from '../activities/index.ts';

export const io = proxyActivities<RequestActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', backoffCoefficient: 2 },
});

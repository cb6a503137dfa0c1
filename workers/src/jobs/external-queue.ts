// Sandbox-safe: where the request workflow sends a job. Parvis's own job types run as the activity
// `runJob` on the request queue; any other runs as an activity named after the job type on its own
// Temporal task queue, where an integrator's worker (any Temporal SDK) takes it
// (docs/api.md, "External job workers"; examples/external-worker/).
import { externalJobQueue, isParvisJobType, PARVIS_JOB_TYPES } from '@parvis/engine/runtime';
import type { Job } from './job-types.ts';

export { externalJobQueue, isParvisJobType, PARVIS_JOB_TYPES };

/**
 * What an external worker's activity receives: the job as Parvis's own handlers get it — the
 * request, the element, the task's headers and its input variables. It returns the variables to
 * set, or throws an ApplicationFailure of type BPMN_ERROR with details `[{ errorCode }]`.
 */
export type ExternalJob = Job;

/**
 * The activity id prefix of an external job: the payload codec leaves its input and result in clear,
 * for the integrator's worker has no data key (docs/api.md, "External job workers").
 */
export const EXTERNAL_JOB_ACTIVITY = 'external-job/';

/** The task queue and activity type a job runs as. */
export function jobRoute(jobType: string): { taskQueue?: string; activity: string } {
  return isParvisJobType(jobType)
    ? { activity: 'runJob' }
    : { taskQueue: externalJobQueue(jobType), activity: jobType };
}

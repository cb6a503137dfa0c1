// Sandbox-safe: which job types Parvis runs itself, and the Temporal task queue an external worker
// polls for any other (issue 17, point 2; docs/api.md, "External job workers").

/** The job types Parvis's workers handle (workers/src/jobs/job-types.ts has one handler for each). */
export const PARVIS_JOB_TYPES = [
  'parvis:send-email',
  'parvis:send-sms',
  'parvis:webhook',
  'parvis:document',
  'parvis:payment',
  'parvis:appointment',
] as const;

export const isParvisJobType = (jobType: string): boolean => (PARVIS_JOB_TYPES as readonly string[]).includes(jobType);

/** What a queue name keeps of a job type or town id: letters, digits and `-_:.`; anything else becomes `_`. */
const safe = (text: string) => text.replace(/[^A-Za-z0-9\-_:.]/g, '_');

/**
 * The Temporal task queue where a job of a type Parvis does not handle waits for an external
 * worker: `parvis-jobs.<jobType>` (e.g. `parvis-jobs.io.camunda:http-json:1`), or per town
 * `parvis-jobs.<town>.<jobType>`. The activity's type is the job type itself.
 */
export function externalJobQueue(jobType: string, town?: string): string {
  return town ? `parvis-jobs.${safe(town)}.${safe(jobType)}` : `parvis-jobs.${safe(jobType)}`;
}

import { describe, expect, it } from 'vitest';
import { jobRoute, PARVIS_JOB_TYPES } from './external-queue.ts';
import { JOB_TYPES } from './job-types.ts';

describe('external job routing', () => {
  it('knows the same job types as the handlers Parvis has', () => {
    expect([...PARVIS_JOB_TYPES].sort()).toEqual(Object.keys(JOB_TYPES).sort());
  });

  it("runs Parvis's own types as runJob, any other on its queue as an activity named after it", () => {
    expect(jobRoute('parvis:send-email')).toEqual({ activity: 'runJob' });
    expect(jobRoute('creditCardCharging')).toEqual({
      taskQueue: 'parvis-jobs.creditCardCharging',
      activity: 'creditCardCharging',
    });
  });
});
